// Edits to cards, each optimistic (see optimistic.ts).

import { newId } from "@tack/shared/ids";
import { type Card, defaults } from "@tack/shared/models";
import * as api from "../api/trello.ts";
import type { BoardCache } from "./board-cache.ts";
import { optimistic } from "./optimistic.ts";
import { positionAt } from "./positions.ts";
import { me } from "./session.ts";
import { rememberCardEdit } from "./undo.ts";

const withCard = (cache: BoardCache, id: string, patch: Partial<Card>): Card | null => {
  const card = cache.card(id);
  return card ? { ...card, ...patch } : null;
};

export async function updateCard(
  cache: BoardCache,
  id: string,
  patch: api.CardFields,
  what = "save the card",
  /** Shown with an Undo button once the server accepts (archive and move, as in Trello). */
  undoToast?: string,
) {
  const before = cache.card(id);
  const next = withCard(cache, id, patch as Partial<Card>);
  if (!before || !next) return;
  const saved = await optimistic(
    cache,
    what,
    { cards: [next] },
    () => api.updateCard(id, patch),
    (card) => ({ cards: [card] }),
  );
  if (saved) rememberCardEdit(cache, before, saved, undoToast);
}

/**
 * Moves a card to `index` among the open cards of `idList` (its old list or another), or to its
 * end. Placed among all the list's cards: a move made while a cut-short first read is being
 * completed waits for the rest (model/board-rest).
 */
export async function moveCard(cache: BoardCache, id: string, idList: string, index: number | "end") {
  if (!cache.allCardsKnown) await cache.whenAllCardsKnown();
  const card = cache.card(id);
  if (!card) return;
  const siblings = cache.openCardsOf(idList);
  const pos = positionAt(siblings, index === "end" ? siblings.filter((c) => c.id !== id).length : index, id);
  if (card.idList === idList && card.pos === pos) return;
  const toList = cache.list(idList)?.name ?? "another list";
  await updateCard(
    cache,
    id,
    idList === card.idList ? { pos } : { idList, pos },
    "move the card",
    idList === card.idList ? `Moved “${card.name}”.` : `Moved “${card.name}” to ${toList}.`,
  );
}

export async function createCard(cache: BoardCache, idList: string, name: string, where: "top" | "bottom") {
  if (!cache.allCardsKnown) await cache.whenAllCardsKnown();
  const siblings = cache.openCardsOf(idList);
  const pos = where === "top" ? positionAt(siblings, 0, "") : positionAt(siblings, siblings.length, "");
  const temp = defaults.card({
    id: newId(),
    idBoard: cache.id,
    idList,
    idShort: 0,
    shortLink: "",
    name,
    pos,
    dateLastActivity: new Date().toISOString(),
  });
  // The prediction uses a temporary id: the server's card replaces it when the create is answered
  // (edits queued meanwhile on the new card are sent with the real id, see model/outbox.ts).
  return optimistic(
    cache,
    "add the card",
    { cards: [temp] },
    () => api.createCard(idList, name, pos),
    (card) => ({ cards: [card] }),
    { creates: temp.id },
  );
}

export const archiveCard = (cache: BoardCache, id: string) =>
  updateCard(
    cache,
    id,
    { closed: true },
    "archive the card",
    `Archived “${cache.card(id)?.name ?? "card"}”.`,
  );
export const restoreCard = (cache: BoardCache, card: Card) =>
  optimistic(cache, "restore the card", { cards: [{ ...card, closed: false }] }, () =>
    api.updateCard(card.id, { closed: false }),
  );

export async function toggleLabel(cache: BoardCache, id: string, idLabel: string) {
  const card = cache.card(id);
  if (!card) return;
  const has = card.idLabels.includes(idLabel);
  const idLabels = has ? card.idLabels.filter((l) => l !== idLabel) : [...card.idLabels, idLabel];
  await optimistic(
    cache,
    has ? "remove the label" : "add the label",
    { cards: [{ ...card, idLabels }] },
    () => (has ? api.removeLabelFromCard(id, idLabel) : api.addLabelToCard(id, idLabel)),
  );
}

export async function toggleMember(cache: BoardCache, id: string, idMember: string) {
  const card = cache.card(id);
  if (!card) return;
  const has = card.idMembers.includes(idMember);
  const idMembers = has ? card.idMembers.filter((m) => m !== idMember) : [...card.idMembers, idMember];
  await optimistic(
    cache,
    has ? "remove the member" : "add the member",
    { cards: [{ ...card, idMembers }] },
    () => (has ? api.removeMemberFromCard(id, idMember) : api.addMemberToCard(id, idMember)),
  );
}

/** Trello's space bar: add or remove yourself. */
export function toggleSelf(cache: BoardCache, id: string) {
  const self = me.value;
  return self ? toggleMember(cache, id, self.id) : Promise.resolve();
}

export async function addComment(cache: BoardCache, idCard: string, text: string) {
  const self = me.value;
  if (!self) return;
  const card = cache.card(idCard);
  const pending = {
    id: `pending-${newId()}`,
    idMemberCreator: self.id,
    type: "commentCard",
    date: new Date().toISOString(),
    data: { text, card: { id: idCard, name: card?.name ?? "" } },
    seq: 0,
  };
  cache.addPendingComment(pending);
  const created = await optimistic(
    cache,
    "add the comment",
    {},
    () => api.addComment(idCard, text),
    undefined,
    {
      comment: pending,
    },
  );
  if (!created) cache.removePendingComment(pending.id);
}
