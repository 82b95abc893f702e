// Writes a planned import as ONE store transaction that also creates the board: either all of it
// commits or none of it exists (a failure anywhere, even in the very last write, rolls back the
// board row too). Trello's history is recorded first, so it gets sequence numbers 1..N in the order
// it happened; the import's own action comes last (N+1) and carries every imported object, so the
// change log read from the start ends with the whole board
// (docs/decisions/0007-trello-import.md).
import type { BoardChange } from "@tack/shared/changes";
import { newIdOnBoard } from "@tack/shared/ids";
import type { Store } from "../store/store.ts";
import { publicMember } from "./placeholders.ts";
import type { ImportPlan } from "./plan.ts";

export interface WriteOptions {
  importerId: string;
  now: string;
  /** The client mutation id: a retried upload finds the board the first attempt made. */
  mutationId: string | null;
}

/** The action type of the import itself: Trello's, so every client knows what it means. */
export const IMPORT_ACTION_TYPE = "createBoard";

export async function writeImport(
  store: Store,
  plan: ImportPlan,
  options: WriteOptions,
): Promise<{ boardId: string; changes: BoardChange[] }> {
  const { changes } = await store.transact(
    plan.board.id,
    async (tx) => {
      await tx.insertPlaceholders(plan.placeholders);
      for (const membership of plan.memberships) await tx.putMembership(membership);
      await tx.putAll("label", plan.labels);
      await tx.putAll("list", plan.lists);
      await tx.putAll("card", plan.cards);
      await tx.putAll("checklist", plan.checklists);
      await tx.putAll("attachment", plan.attachments);
      await tx.putAll("customField", plan.customFields);
      await tx.recordAll(plan.history);
      await tx.record({
        id: newIdOnBoard(plan.board.id),
        type: IMPORT_ACTION_TYPE,
        memberId: options.importerId,
        date: options.now,
        data: plan.importData,
        models: {
          board: plan.board,
          lists: plan.lists,
          cards: plan.cards,
          labels: plan.labels,
          checklists: plan.checklists,
          attachments: plan.attachments,
          customFields: plan.customFields,
          memberships: plan.memberships,
          members: plan.members.map(publicMember),
        },
        mutationId: options.mutationId,
      });
    },
    { create: plan.board },
  );
  return { boardId: plan.board.id, changes };
}
