// The members table wants a unique e-mail for every row. A placeholder (an imported person with no
// login) gets one under `.invalid`, the top-level domain reserved never to exist (RFC 2606): no mail
// can reach it, no sign-up can take it, and the store's login lookup skips placeholders anyway.
export const placeholderEmail = (memberId: string): string => `${memberId}@placeholder.invalid`;
