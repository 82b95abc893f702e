// Checklists and their items. Items live inside their checklist's document (at most 200), so
// checking an item is one write of one document.
import { ErrorCode, invalid, notFound, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { CheckItem, Checklist } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import type { CreateCheckItemInput, UpdateCheckItemInput } from "@tack/shared/schemas";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import type { BoardTx } from "../../store/store.ts";
import { boardRef, mutate } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { cardRef, checklistRef } from "../refs.ts";

async function cardOf(tx: BoardTx, cardId: string) {
  const card = await tx.get("card", cardId);
  if (!card) throw notFound("card");
  return card;
}

export async function createChecklist(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  input: {
    idCard: string;
    name?: string | undefined;
    pos?: PositionRequest | undefined;
    idChecklistSource?: string | undefined;
  },
  mutationId: string | null,
): Promise<string> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "createChecklist",
      async run(tx, rec) {
        const card = await cardOf(tx, input.idCard);
        const siblings = await tx.children("checklist", card.id);
        if (siblings.length >= Limits.checklistsPerCard) {
          throw new TackError(
            ErrorCode.limitExceeded,
            `A card can have at most ${Limits.checklistsPerCard} checklists`,
          );
        }
        const id = newId();
        let items: CheckItem[] = [];
        if (input.idChecklistSource) {
          const source = await tx.get("checklist", input.idChecklistSource);
          if (!source) throw invalid("idChecklistSource", "no such checklist on this board");
          items = source.checkItems.map((item) => ({
            ...item,
            id: newId(),
            idChecklist: id,
            state: "incomplete",
          }));
        }
        const placed = placeAmong(siblings, input.pos ?? "bottom", id);
        for (const m of placed.moved) await tx.put("checklist", m);
        const checklist: Checklist = {
          id,
          idBoard: boardId,
          idCard: card.id,
          name: input.name || "Checklist",
          pos: placed.pos,
          checkItems: items,
        };
        await tx.put("checklist", checklist);
        await rec.record(
          "addChecklistToCard",
          { board: boardRef(tx.board()), card: cardRef(card), checklist: checklistRef(checklist) },
          { checklists: [...placed.moved, checklist] },
          { cardId: card.id },
        );
        return id;
      },
      replay: (change) => change.models.checklists!.at(-1)!.id,
    },
    { mutationId },
  );
}

export async function updateChecklist(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  checklistId: string,
  input: { name?: string | undefined; pos?: PositionRequest | undefined },
  mutationId: string | null,
): Promise<string> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "updateChecklist",
      async run(tx, rec) {
        const before = await tx.get("checklist", checklistId);
        if (!before) throw notFound("checklist");
        let moved: Checklist[] = [];
        let pos = before.pos;
        if (input.pos !== undefined) {
          const placed = placeAmong(await tx.children("checklist", before.idCard), input.pos, checklistId);
          moved = placed.moved;
          pos = placed.pos;
          for (const m of moved) await tx.put("checklist", m);
        }
        const after: Checklist = { ...before, ...(input.name !== undefined && { name: input.name }), pos };
        await tx.put("checklist", after);
        await rec.record(
          "updateChecklist",
          {
            board: boardRef(tx.board()),
            checklist: checklistRef(after),
            old: { name: before.name, pos: before.pos },
          },
          { checklists: [...moved, after] },
          { cardId: before.idCard },
        );
        return checklistId;
      },
      replay: () => checklistId,
    },
    { mutationId },
  );
}

export async function deleteChecklist(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  checklistId: string,
  mutationId: string | null,
): Promise<void> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "deleteChecklist",
      async run(tx, rec) {
        const checklist = await tx.get("checklist", checklistId);
        if (!checklist) throw notFound("checklist");
        const card = await cardOf(tx, checklist.idCard);
        await tx.remove("checklist", checklistId);
        await rec.record(
          "removeChecklistFromCard",
          { board: boardRef(tx.board()), card: cardRef(card), checklist: checklistRef(checklist) },
          {},
          { cardId: card.id, deleted: [{ kind: "checklist", id: checklistId }] },
        );
      },
      replay: () => undefined,
    },
    { mutationId },
  );
}

export async function createCheckItem(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  checklistId: string,
  input: CreateCheckItemInput,
  mutationId: string | null,
): Promise<string> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "createCheckItem",
      async run(tx, rec) {
        const checklist = await tx.get("checklist", checklistId);
        if (!checklist) throw notFound("checklist");
        if (checklist.checkItems.length >= Limits.checkItemsPerChecklist) {
          throw new TackError(
            ErrorCode.limitExceeded,
            `A checklist can have at most ${Limits.checkItemsPerChecklist} items`,
          );
        }
        const id = newId();
        const placed = placeAmong(checklist.checkItems, input.pos ?? "bottom", id);
        const positions = new Map(placed.moved.map((m) => [m.id, m.pos]));
        const item: CheckItem = {
          id,
          idChecklist: checklistId,
          name: input.name,
          pos: placed.pos,
          state: input.checked ? "complete" : "incomplete",
          due: input.due ?? null,
          idMember: input.idMember ?? null,
        };
        const after: Checklist = {
          ...checklist,
          checkItems: [
            ...checklist.checkItems.map((i) => ({ ...i, pos: positions.get(i.id) ?? i.pos })),
            item,
          ],
        };
        await tx.put("checklist", after);
        const card = await cardOf(tx, checklist.idCard);
        await rec.record(
          "createCheckItem",
          {
            board: boardRef(tx.board()),
            card: cardRef(card),
            checklist: checklistRef(checklist),
            checkItem: { id, name: item.name, state: item.state },
          },
          { checklists: [after] },
          { cardId: card.id },
        );
        return id;
      },
      replay: (change) => change.models.checklists![0]!.checkItems.at(-1)!.id,
    },
    { mutationId },
  );
}

export async function updateCheckItem(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  checklistId: string,
  itemId: string,
  input: UpdateCheckItemInput,
  mutationId: string | null,
): Promise<string> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "updateCheckItem",
      async run(tx, rec) {
        const checklist = await tx.get("checklist", checklistId);
        const before = checklist?.checkItems.find((i) => i.id === itemId);
        if (!checklist || !before) throw notFound("check item");
        if (input.idChecklist !== undefined && input.idChecklist !== checklistId) {
          throw invalid(
            "idChecklist",
            "moving items between checklists is not supported: add it to the other checklist",
          );
        }
        if (input.idMember) {
          const members = new Set((await tx.memberships()).map((m) => m.idMember));
          if (!members.has(input.idMember)) throw invalid("idMember", "not a member of this board");
        }
        let positions = new Map<string, number>();
        let pos = before.pos;
        if (input.pos !== undefined) {
          const placed = placeAmong(checklist.checkItems, input.pos, itemId);
          positions = new Map(placed.moved.map((m) => [m.id, m.pos]));
          pos = placed.pos;
        }
        const item: CheckItem = {
          ...before,
          ...(input.name !== undefined && { name: input.name }),
          ...(input.state !== undefined && { state: input.state }),
          ...(input.due !== undefined && { due: input.due }),
          ...(input.idMember !== undefined && { idMember: input.idMember }),
          pos,
        };
        const after: Checklist = {
          ...checklist,
          checkItems: checklist.checkItems.map((i) =>
            i.id === itemId ? item : { ...i, pos: positions.get(i.id) ?? i.pos },
          ),
        };
        await tx.put("checklist", after);
        const card = await cardOf(tx, checklist.idCard);
        const type =
          input.state !== undefined && input.state !== before.state
            ? "updateCheckItemStateOnCard"
            : "updateCheckItem";
        await rec.record(
          type,
          {
            board: boardRef(tx.board()),
            card: cardRef(card),
            checklist: checklistRef(checklist),
            checkItem: { id: item.id, name: item.name, state: item.state },
            old: { name: before.name, state: before.state, pos: before.pos },
          },
          { checklists: [after] },
          { cardId: card.id },
        );
        return itemId;
      },
      replay: () => itemId,
    },
    { mutationId },
  );
}

export async function deleteCheckItem(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  checklistId: string,
  itemId: string,
  mutationId: string | null,
): Promise<void> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "deleteCheckItem",
      async run(tx, rec) {
        const checklist = await tx.get("checklist", checklistId);
        const item = checklist?.checkItems.find((i) => i.id === itemId);
        if (!checklist || !item) throw notFound("check item");
        const after = { ...checklist, checkItems: checklist.checkItems.filter((i) => i.id !== itemId) };
        await tx.put("checklist", after);
        const card = await cardOf(tx, checklist.idCard);
        await rec.record(
          "deleteCheckItem",
          {
            board: boardRef(tx.board()),
            card: cardRef(card),
            checklist: checklistRef(checklist),
            checkItem: { id: item.id, name: item.name },
          },
          { checklists: [after] },
          { cardId: card.id },
        );
      },
      replay: () => undefined,
    },
    { mutationId },
  );
}
