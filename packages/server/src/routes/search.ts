import { invalid } from "@tack/shared/errors";
import { canReadBoard } from "@tack/shared/permissions";
import { presentBoard } from "../presenters/board.ts";
import { cardContext, presentCard } from "../presenters/card.ts";
import type { Api } from "./api.ts";

function limitOf(raw: unknown, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw invalid("cards_limit", "must be a whole number from 1 to 1000");
  return n;
}

export function searchRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;

  api.define({
    method: "GET",
    path: "/1/search",
    summary: "Search your boards' cards and boards (query, modelTypes, idBoards, cards_limit, boards_limit)",
    access: { who: "member" },
    handler: async ({ me, query }) => {
      const text = typeof query.query === "string" ? query.query.trim() : "";
      if (text === "" || text.length > 16_384)
        throw invalid("query", "give 1 to 16384 characters to search for");
      const types =
        typeof query.modelTypes === "string" && query.modelTypes !== "all"
          ? query.modelTypes.split(",")
          : ["cards", "boards"];
      let boards = (await ctx.store.boardsOf(me.memberId)).map((r) => r.board);
      if (typeof query.idBoards === "string" && query.idBoards !== "mine") {
        const wanted = new Set(query.idBoards.split(","));
        const extra = [];
        for (const id of wanted) {
          if (boards.some((b) => b.id === id)) continue;
          const found = await ctx.store.boardAccess(id, me.memberId);
          if (found && canReadBoard(found.access))
            extra.push((await ctx.store.boardById(found.boardId))!.board);
        }
        boards = [...boards, ...extra].filter((b) => wanted.has(b.id));
      }
      const ids = boards.map((b) => b.id);
      const result: Record<string, unknown> = { options: { terms: [{ text }], modelTypes: types } };
      if (types.includes("cards")) {
        const cards = await ctx.store.searchCards(ids, text, limitOf(query.cards_limit, 10));
        const contexts = new Map<string, ReturnType<typeof cardContext>>();
        result.cards = [];
        for (const card of cards) {
          let c = contexts.get(card.idBoard);
          if (!c) {
            const [labels, checklists] = await Promise.all([
              ctx.store.objectsOf(card.idBoard, "label"),
              ctx.store.objectsOf(card.idBoard, "checklist"),
            ]);
            c = cardContext(base, labels, checklists);
            contexts.set(card.idBoard, c);
          }
          (result.cards as unknown[]).push(presentCard(card, c));
        }
      }
      if (types.includes("boards")) {
        result.boards = (await ctx.store.searchBoards(ids, text, limitOf(query.boards_limit, 10))).map((b) =>
          presentBoard(base, b),
        );
      }
      return result;
    },
  });
}
