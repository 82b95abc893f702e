// Emoji reactions on comments (no zod here: the web client imports the picker's list), as Trello's API names them: an emoji is `{unified, native,
// shortName}` (`unified` the code points in hex joined by "-", `native` the characters). A
// reaction is one person's one emoji on one comment, so adding it twice changes nothing.
export interface ReactionEmoji {
  unified: string;
  native: string;
  shortName: string;
}

export interface Reaction {
  id: string;
  /** The comment (a `commentCard` action) reacted to. */
  idAction: string;
  idMember: string;
  emoji: ReactionEmoji;
  date: string;
}

/** The picker's reactions, the common ones of Trello and GitHub. */
export const COMMON_REACTIONS: readonly ReactionEmoji[] = [
  { unified: "1F44D", native: "\u{1F44D}", shortName: "+1" },
  { unified: "1F44E", native: "\u{1F44E}", shortName: "-1" },
  { unified: "2764-FE0F", native: "\u2764\uFE0F", shortName: "heart" },
  { unified: "1F604", native: "\u{1F604}", shortName: "smile" },
  { unified: "1F389", native: "\u{1F389}", shortName: "tada" },
  { unified: "1F615", native: "\u{1F615}", shortName: "confused" },
  { unified: "1F440", native: "\u{1F440}", shortName: "eyes" },
  { unified: "1F680", native: "\u{1F680}", shortName: "rocket" },
];

/** How many different emoji one person may put on one comment. */
export const MAX_REACTIONS_PER_MEMBER = 20;

const UNIFIED = /^[0-9A-F]{2,6}(-[0-9A-F]{2,6}){0,9}$/;
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

const nativeOf = (unified: string): string =>
  String.fromCodePoint(...unified.split("-").map((hex) => Number.parseInt(hex, 16)));
const unifiedOf = (native: string): string =>
  [...native].map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")).join("-");

/**
 * The emoji a reaction names, from any one of its spellings; null when it is not an emoji (a
 * letter, a control character, an unknown short name), so nothing else is stored as a reaction.
 */
export function resolveEmoji(given: {
  unified?: string | undefined;
  native?: string | undefined;
  shortName?: string | undefined;
}): ReactionEmoji | null {
  let unified = given.unified?.toUpperCase();
  if (unified === undefined && given.native !== undefined) unified = unifiedOf(given.native);
  if (unified === undefined && given.shortName !== undefined)
    unified = COMMON_REACTIONS.find((e) => e.shortName === given.shortName)?.unified;
  if (unified === undefined || !UNIFIED.test(unified)) return null;
  if (unified.split("-").some((hex) => Number.parseInt(hex, 16) > 0x10ffff)) return null;
  const native = nativeOf(unified);
  if (given.native !== undefined && given.native !== native) return null;
  if (!PICTOGRAPHIC.test(native)) return null;
  const known = COMMON_REACTIONS.find((e) => e.unified === unified);
  const shortName = given.shortName ?? known?.shortName ?? unified.toLowerCase();
  if (!/^[\w+-]{1,64}$/.test(shortName)) return null;
  return { unified, native, shortName };
}

/** Trello's `reactionsSummary`: one entry per emoji, in the order each was first used. */
export function summarizeReactions(reactions: readonly Reaction[]) {
  const byEmoji = new Map<string, { first: Reaction; count: number }>();
  for (const r of [...reactions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    const entry = byEmoji.get(r.emoji.unified);
    if (entry) entry.count += 1;
    else byEmoji.set(r.emoji.unified, { first: r, count: 1 });
  }
  return [...byEmoji.values()].map(({ first, count }) => ({
    id: first.emoji.unified,
    idEmoji: first.emoji.unified,
    idReaction: first.id,
    count,
    firstReacted: first.date,
    emoji: first.emoji,
  }));
}
