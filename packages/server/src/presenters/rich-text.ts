// Trello's parsed-text companions (`descData`, `nameData`, `bioData`): today's Trello always sends an
// object with the custom emoji the text uses. Tack has no custom emoji, so it is always empty, but
// present: client schemas written against Trello refuse `null` there.
export const noEmoji = (): { emoji: Record<string, never> } => ({ emoji: {} });

/**
 * `object` without the listed keys whose value is null. Trello documents these fields as strings
 * (an avatar URL, a workspace id); a client schema built from those docs accepts the field missing
 * but refuses `null`, so a value Tack does not have is left out rather than sent as null.
 */
export function omitNull<T extends Record<string, unknown>, K extends keyof T>(
  object: T,
  keys: readonly K[],
): Omit<T, K> & Partial<Pick<T, K>> {
  const out: Record<string, unknown> = { ...object };
  for (const key of keys) if (out[key as string] === null) delete out[key as string];
  return out as Omit<T, K> & Partial<Pick<T, K>>;
}
