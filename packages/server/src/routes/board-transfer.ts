// Moving boards in and out: `POST /1/boards/import/trello` imports a Trello board export as a new
// board the caller owns; `GET /1/boards/{id}/export` gives any board back in that same shape, and
// `GET /1/boards/{id}/export/csv` its cards as a spreadsheet.

import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { slugify } from "@tack/shared/ids";
import { MAX_IMPORT_BYTES } from "@tack/shared/limits";
import type { ImportCounts, ImportWarning } from "@tack/shared/trello-export";
import { assertStillReadable } from "../commands/mutate.ts";
import { importTrelloBoard } from "../import/import-trello.ts";
import { readImportUpload } from "../import/read-upload.ts";
import { presentBoardCsv } from "../presenters/board-csv.ts";
import { presentBoardExport } from "../presenters/board-export.ts";
import { presentBoardRead } from "../presenters/board-read.ts";
import { type Api, exchangeOf } from "./api.ts";

/** Newest actions an export carries. Trello stops at 1,000; Tack keeps ten times that. */
const EXPORT_ACTIONS = 10_000;

export function boardTransferRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;

  async function answer(boardId: string, viewer: string, warnings: ImportWarning[], counts: ImportCounts) {
    const snapshot = await ctx.store.loadBoard(boardId);
    if (!snapshot) throw notFound("board");
    const board = presentBoardRead(
      snapshot,
      { lists: "all", labels: "all", members: "all" },
      { base, viewer },
    );
    return { board, warnings, counts };
  }

  api.define({
    method: "POST",
    path: "/1/boards/import/trello",
    summary:
      "Import a Trello board export (JSON body, or a multipart file upload; map=trelloUser=tackUser) as a new board",
    access: { who: "member" },
    // The export can be large and multipart: it streams over HTTP only.
    httpOnly: true,
    // check-texts.ts refuses lone surrogates with their place in the file and removes NUL with a warning.
    checksOwnText: true,
    bodyLimit: MAX_IMPORT_BYTES,
    handler: async (call) => {
      const { me, mutationId } = call;
      if (mutationId !== null) {
        const prior = await ctx.store.changeByMutation(me.memberId, mutationId);
        if (prior) {
          const data = prior.action.data as {
            importedFrom?: unknown;
            warnings?: ImportWarning[];
            counts?: ImportCounts;
          };
          if (!data.importedFrom || !data.counts)
            throw new TackError(ErrorCode.conflict, "This mutation id was already used for something else");
          await assertStillReadable(ctx, me, prior);
          return answer(prior.board, me.memberId, data.warnings ?? [], data.counts);
        }
      }
      const upload = await readImportUpload(exchangeOf(call).request);
      const result = await importTrelloBoard(ctx.store, {
        raw: upload.raw,
        importerId: me.memberId,
        map: upload.map,
        mutationId,
      });
      ctx.commits.committed(result.changes);
      return answer(result.boardId, me.memberId, result.warnings, result.counts);
    },
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/export",
    summary:
      "The board as a Trello-shaped JSON export: everything nested (lists, cards with attachments, checklists, actions, …)",
    access: { board: true, permission: "read" },
    handler: async ({ actor, target: { boardId }, http }) => {
      const snapshot = await ctx.store.loadBoard(boardId);
      if (!snapshot) throw notFound("board");
      const actions = await ctx.store.actions({ boardId, limit: EXPORT_ACTIONS });
      const creators = await ctx.store.membersByIds([...new Set(actions.map((a) => a.idMemberCreator))]);
      const viewer = actor.kind === "member" ? actor.memberId : null;
      void http?.reply.header(
        "content-disposition",
        `attachment; filename="${slugify(snapshot.board.name)}-${snapshot.board.shortLink}.json"`,
      );
      return presentBoardExport(snapshot, {
        base,
        viewer,
        actions,
        actionMembers: new Map(creators.map((m) => [m.id, m])),
      });
    },
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/export/csv",
    summary: "The board's cards as CSV: name, list, labels, members, due, description, archived, URL",
    access: { board: true, permission: "read" },
    httpOnly: true,
    handler: async ({ target: { boardId }, http }) => {
      const snapshot = await ctx.store.loadBoard(boardId);
      if (!snapshot) throw notFound("board");
      const name = `${slugify(snapshot.board.name)}-${snapshot.board.shortLink}.csv`;
      return http!.reply
        .header("content-disposition", `attachment; filename="${name}"`)
        .type("text/csv; charset=utf-8")
        .send(presentBoardCsv(base, snapshot));
    },
  });
}
