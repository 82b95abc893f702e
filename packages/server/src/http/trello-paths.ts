// Trello answers its resource paths in the singular too (`/1/member/me`, `/1/card/{id}/...`), and
// clients in the wild call them that way (the npm `trello` client's getMember and custom field
// calls). Such a URL is rewritten to the plural before routing, so both spellings reach one route.
const SINGULAR =
  /^\/1\/(action|board|card|checklist|customField|label|list|member|notification|organization|token|webhook)(?=[/?]|$)/i;

export function pluralTrelloPath(url: string): string {
  return url.replace(SINGULAR, (_match, noun: string) => `/1/${noun}s`);
}
