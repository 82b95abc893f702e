// Trello's GET /1/search: cards, boards and members the asker may read, narrowed by Trello's
// operators (shared/search-query.ts). Text terms go to the store's index (search-store.ts); the
// operators are then applied with each card's board, list, labels and members (search/card-filters.ts).
import { invalid } from "@tack/shared/errors";
import type { Board, Card, List, Member } from "@tack/shared/models";
import { canReadBoard } from "@tack/shared/permissions";
import { parseSearchQuery, type SearchQuery } from "@tack/shared/search-query";
import type { AppContext } from "../context.ts";
import { presentBoard } from "../presenters/board.ts";
import { cardContext, presentCard } from "../presenters/card.ts";
import { presentMember } from "../presenters/member.ts";
import { cardPasses } from "../search/card-filters.ts";
import type { Api } from "./api.ts";

/** Cards read from the index before the operators narrow them: enough for any board a person reads. */
const CANDIDATES = 5000;

function limitOf(name: string, raw: unknown, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw invalid(name, "must be a whole number from 0 to 1000");
  return n;
}

const flag = (raw: unknown) => raw === "true" || raw === true;

interface Readable {
  board: Board;
  starred: boolean;
}

async function readableBoards(ctx: AppContext, me: string, idBoards: unknown): Promise<Readable[]> {
  const mine = (await ctx.store.boardsOf(me)).map((r) => ({ board: r.board, starred: r.membership.starred }));
  if (typeof idBoards !== "string" || idBoards === "mine") return mine;
  const wanted = new Set(idBoards.split(","));
  const extra: Readable[] = [];
  for (const id of wanted) {
    if (mine.some((r) => r.board.id === id)) continue;
    const found = await ctx.store.boardAccess(id, me);
    if (found && canReadBoard(found.access))
      extra.push({ board: (await ctx.store.boardById(found.boardId))!.board, starred: false });
  }
  return [...mine, ...extra].filter((r) => wanted.has(r.board.id));
}

async function searchCards(
  ctx: AppContext,
  me: string,
  query: SearchQuery,
  boards: Readable[],
  limit: number,
) {
  const open = boards.filter((r) => !r.board.closed);
  const byId = new Map(open.map((r) => [r.board.id, r]));
  const candidates = await ctx.store.matchCards(
    open.map((r) => r.board.id),
    { all: query.text, none: query.notText },
    CANDIDATES,
  );
  const boardIds = [...new Set(candidates.map((c) => c.idBoard))];
  const [lists, labels, members] = await Promise.all([
    Promise.all(boardIds.map((id) => ctx.store.objectsOf(id, "list"))),
    Promise.all(boardIds.map((id) => ctx.store.objectsOf(id, "label"))),
    ctx.store.membersByIds([...new Set(candidates.flatMap((c) => c.idMembers))]),
  ]);
  const listById = new Map<string, List>(lists.flat().map((l) => [l.id, l]));
  const labelById = new Map(labels.flat().map((l) => [l.id, l]));
  const memberById = new Map(members.map((m) => [m.id, m]));
  const now = Date.now();
  const found: { card: Card; list: List | undefined; board: Board }[] = [];
  for (const card of candidates) {
    const where = byId.get(card.idBoard)!;
    const list = listById.get(card.idList);
    const surroundings = { ...where, list, labels: labelById, members: memberById, me, now };
    if (cardPasses(query, card, surroundings)) found.push({ card, list, board: where.board });
  }
  found.sort((a, b) => b.card.dateLastActivity.localeCompare(a.card.dateLastActivity));
  return found.slice(0, limit);
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
      const parsed = parseSearchQuery(text);
      const types =
        typeof query.modelTypes === "string" && query.modelTypes !== "all"
          ? query.modelTypes.split(",")
          : ["cards", "boards", "members"];
      const boards = await readableBoards(ctx, me.memberId, query.idBoards);
      const result: Record<string, unknown> = {
        options: { terms: [{ text }], modelTypes: types, partial: false },
      };
      if (types.includes("cards")) {
        const found = await searchCards(
          ctx,
          me.memberId,
          parsed,
          boards,
          limitOf("cards_limit", query.cards_limit, 10),
        );
        const contexts = new Map<string, ReturnType<typeof cardContext>>();
        const cards = [];
        for (const { card, list, board } of found) {
          let c = contexts.get(card.idBoard);
          if (!c) {
            const [labels, checklists] = await Promise.all([
              ctx.store.objectsOf(card.idBoard, "label"),
              ctx.store.objectsOf(card.idBoard, "checklist"),
            ]);
            c = cardContext(base, labels, checklists);
            contexts.set(card.idBoard, c);
          }
          cards.push({
            ...presentCard(card, c),
            // Trello's card_board / card_list: the names a result list shows beside each card.
            ...(flag(query.card_board) && {
              board: { id: board.id, name: board.name, shortLink: board.shortLink },
            }),
            ...(flag(query.card_list) && list && { list: { id: list.id, name: list.name } }),
          });
        }
        result.cards = cards;
      }
      const terms = parsed.text.map((t) => t.toLowerCase());
      const named = (name: string) => terms.length > 0 && terms.every((t) => name.toLowerCase().includes(t));
      if (types.includes("boards")) {
        result.boards = boards
          .filter((r) => named(r.board.name))
          .slice(0, limitOf("boards_limit", query.boards_limit, 10))
          .map((r) => presentBoard(base, r.board));
      }
      if (types.includes("members")) {
        // The people on the boards searched: read only when there are words to look for.
        const people = new Map<string, Member>();
        if (terms.length > 0)
          for (const r of boards)
            for (const m of (await ctx.store.loadBoard(r.board.id))?.members ?? []) people.set(m.id, m);
        result.members = [...people.values()]
          .filter((m) => named(`${m.username} ${m.fullName}`))
          .slice(0, limitOf("members_limit", query.members_limit, 8))
          .map((m) => presentMember(base, m));
      }
      return result;
    },
  });
}
