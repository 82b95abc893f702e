import type { Member } from "@tack/shared/models";
import type { Reaction } from "@tack/shared/reactions";
import { presentMember } from "./member.ts";

/** A reaction as Trello answers one: `idModel` is the comment, `idEmoji` the emoji's code points. */
export const presentReaction = (base: string, reaction: Reaction, member: Member | undefined) => ({
  id: reaction.id,
  idMember: reaction.idMember,
  idModel: reaction.idAction,
  idEmoji: reaction.emoji.unified,
  emoji: { ...reaction.emoji, name: reaction.emoji.shortName.toUpperCase() },
  date: reaction.date,
  ...(member && { member: presentMember(base, member) }),
});
