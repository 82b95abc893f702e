// One card moved to a list of another board inside a two-board transaction: placed on the target
// list, carried over (card-carry-rules.ts), then recorded as Trello does, `moveCardToBoard` on the
// target (with its comments re-written) and `moveCardFromBoard` on the source. Both a single card's
// move (move-card-to-board.ts) and a whole list's cards (lists/move-all-cards-to-board.ts) go
// through here. Carrying and recording are two steps so a command moving many cards can carry them
// all first and send the whole move's documents with its first action (its mutation id's answer).
import type { ChangedModels } from "@tack/shared/changes";
import type { Card, List } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import type { AppContext } from "../../context.ts";
import type { BoardTx } from "../../store/store.ts";
import { type Across, boardRef, type Recorder } from "../mutate.ts";
import { placeUnder } from "../placement.ts";
import { cardRef, listRef } from "../refs.ts";
import { type CarriedCard, carryCard, recordCarriedComments } from "./card-carry-rules.ts";

export interface CardMovedAcross {
  /** The card as it stood on the source board. */
  readonly before: Card;
  /** The list it left (absent if that list is gone). */
  readonly listBefore: List | null;
  readonly list: List;
  readonly carried: CarriedCard;
  /** Cards of the target list renumbered to make room. */
  readonly renumbered: Card[];
}

/** Places `before` on `list` of the target board and carries it there; nothing recorded yet. */
export async function carryCardAcross(
  ctx: AppContext,
  txs: Across<BoardTx>,
  now: string,
  before: Card,
  list: List,
  pos: PositionRequest,
): Promise<CardMovedAcross> {
  const listBefore = await txs.from.get("list", before.idList);
  const placed = await placeUnder(txs.to, "card", list.id, pos, before.id);
  for (const moved of placed.moved) await txs.to.put("card", moved);
  const carried = await carryCard(ctx, txs, before, {
    idList: list.id,
    pos: placed.pos,
    dateLastActivity: now,
  });
  return { before, listBefore, list, carried, renumbered: placed.moved };
}

/**
 * What the target board's viewers need for `moves`: the cards (each once, as it ends up; a moved
 * card after the ones renumbered to make room for it), the labels made, the checklists and
 * attachments that came along.
 */
export function movedModels(moves: readonly CardMovedAcross[]): ChangedModels {
  // In the order they were written, so a card renumbered by a later placement is sent as it ends up.
  const cards = new Map<string, Card>();
  for (const move of moves) {
    for (const c of move.renumbered) cards.set(c.id, c);
    cards.set(move.carried.card.id, move.carried.card);
  }
  const labels = moves.flatMap((m) => m.carried.labelsMade);
  const checklists = moves.flatMap((m) => m.carried.checklists);
  const attachments = moves.flatMap((m) => m.carried.attachments);
  return {
    ...(cards.size > 0 && { cards: [...cards.values()] }),
    ...(labels.length > 0 && { labels }),
    ...(checklists.length > 0 && { checklists }),
    ...(attachments.length > 0 && { attachments }),
  };
}

/** Records one carried card's move on both boards; `models` go with its `moveCardToBoard`. */
export async function recordCardMovedAcross(
  txs: Across<BoardTx>,
  rec: Across<Recorder>,
  move: CardMovedAcross,
  models: ChangedModels,
): Promise<void> {
  const { card } = move.carried;
  const source = txs.from.board();
  const board = txs.to.board();
  await rec.to.record(
    "moveCardToBoard",
    {
      board: boardRef(board),
      boardSource: { id: source.id, name: source.name },
      list: listRef(move.list),
      card: cardRef(card),
    },
    models,
    { cardId: card.id },
  );
  await recordCarriedComments(txs.to, move.carried, move.list);
  await rec.from.record(
    "moveCardFromBoard",
    {
      board: boardRef(source),
      boardTarget: { id: board.id, name: board.name },
      ...(move.listBefore && { list: listRef(move.listBefore) }),
      card: cardRef(move.before),
    },
    {},
    { cardId: card.id, deleted: move.carried.deleted },
  );
}
