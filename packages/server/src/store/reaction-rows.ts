// A stored reaction row and its reader, shared by both adapters.
import type { Reaction } from "@tack/shared/reactions";

export interface ReactionRow {
  id: string;
  action_id: string;
  member_id: string;
  unified: string;
  native: string;
  short_name: string;
  date: string;
}

export const REACTION_COLUMNS = "id, action_id, member_id, unified, native, short_name, date";

export const readReaction = (row: ReactionRow): Reaction => ({
  id: row.id,
  idAction: row.action_id,
  idMember: row.member_id,
  emoji: { unified: row.unified, native: row.native, shortName: row.short_name },
  date: row.date,
});

export const reactionParams = (boardId: string, r: Reaction) => [
  r.id,
  boardId,
  r.idAction,
  r.idMember,
  r.emoji.unified,
  r.emoji.native,
  r.emoji.shortName,
  r.date,
];
