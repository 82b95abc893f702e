// Comments after they are written: editing and deleting my own, and emoji reactions. A card's
// older comments come from the server once (with their reactions); what happens after arrives
// live as actions in the board cache, folded over them here, so both stay one picture.
import type { Action } from "@tack/shared/models";
import type { Reaction } from "@tack/shared/reactions";
import * as api from "../api/trello.ts";
import { plainWrite } from "./board-edits.ts";

export const REACTION_ADDED = "addReactionToComment";
export const REACTION_REMOVED = "removeReactionFromComment";

export const editComment = (idCard: string, idAction: string, text: string) =>
  plainWrite("edit the comment", () => api.editComment(idCard, idAction, text));

export const deleteComment = (idCard: string, idAction: string) =>
  plainWrite("delete the comment", () => api.deleteComment(idCard, idAction));

export const addReaction = (idAction: string, unified: string) =>
  plainWrite("add the reaction", () => api.addReaction(idAction, unified));

export const removeReaction = (idAction: string, idReaction: string) =>
  plainWrite("remove the reaction", () => api.removeReaction(idAction, idReaction));

/** A reaction as the API answers it (presenters/reaction.ts on the server). */
export function reactionFrom(raw: Record<string, unknown>): Reaction | null {
  const emoji = raw.emoji as Record<string, unknown> | undefined;
  if (typeof raw.id !== "string" || typeof raw.idMember !== "string" || !emoji) return null;
  return {
    id: raw.id,
    idAction: String(raw.idModel ?? raw.idAction ?? ""),
    idMember: raw.idMember,
    emoji: {
      unified: String(emoji.unified ?? ""),
      native: String(emoji.native ?? ""),
      shortName: String(emoji.shortName ?? ""),
    },
    date: String(raw.date ?? ""),
  };
}

/**
 * The reactions on each comment: those loaded with the card's history, plus the ones added since,
 * minus the ones taken back (ids are never reused, so the order of the two sources does not matter).
 */
export function reactionsByComment(
  loaded: readonly Reaction[],
  live: readonly Action[],
): Map<string, Reaction[]> {
  const byId = new Map(loaded.map((r) => [r.id, r]));
  const removed = new Set<string>();
  for (const a of live) {
    const r = a.data.reaction as Reaction | undefined;
    if (!r) continue;
    if (a.type === REACTION_ADDED) byId.set(r.id, r);
    else if (a.type === REACTION_REMOVED) removed.add(r.id);
  }
  const out = new Map<string, Reaction[]>();
  // Oldest first, so each emoji keeps its place among the chips as others arrive.
  const ordered = [...byId.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const r of ordered) {
    if (removed.has(r.id)) continue;
    out.set(r.idAction, [...(out.get(r.idAction) ?? []), r]);
  }
  return out;
}

/** Comment texts edited since the history was loaded (live `updateComment` actions, newest first). */
export function editedTexts(live: readonly Action[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const a of live) {
    if (a.type !== "updateComment") continue;
    const edit = a.data.action as { id?: string; text?: string } | undefined;
    if (edit?.id && typeof edit.text === "string" && !texts.has(edit.id)) texts.set(edit.id, edit.text);
  }
  return texts;
}
