// The polling fallback: `GET /1/boards/:id/changes?since=<seq>&epoch=<epoch>` answers the changes
// after `since` (a page of them when far behind; ask again until `seq` is reached) or, past what
// can be replayed, `reload: true`. Stateless: any process answers from the shared recent-change
// list or the durable log, so no sticky sessions are needed; a poll that finds nothing new is
// answered from what this process has heard (decision 0031-group-commit-and-poll-cache).
import { invalid, notFound } from "@tack/shared/errors";
import { z } from "zod";
import { memberIdOf } from "../auth/actor.ts";
import type { Api } from "../routes/api.ts";
import type { BoardHeads } from "./board-heads.ts";
import type { CatchUpReader } from "./catch-up.ts";
import { mayChangeReadAccess, mayRead } from "./read-access.ts";

/** Most changes one poll answers from the durable log. */
export const POLL_PAGE = 500;

const pollInput = z.object({
  since: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  epoch: z.string().min(1).max(64).optional(),
});

export function changesRoutes(api: Api, catchUp: CatchUpReader, heads: BoardHeads): void {
  const { ctx } = api;
  api.define({
    method: "GET",
    path: "/1/boards/:id/changes",
    summary: "Changes after a sequence number (real-time polling fallback)",
    input: pollInput,
    // The common poll (nothing new) asks neither Redis nor the database: read access from the
    // process's cache, the board's newest seq from what the bus told this process (board-heads.ts).
    access: { board: true, permission: "read", cached: true },
    httpOnly: true,
    handler: async ({ actor, target: { boardId }, input }) => {
      const known = heads.nothingAfter(boardId, input.since, input.epoch);
      if (known) return { ...known, changes: [] };
      const answer = await catchUp.read(
        boardId,
        { epoch: input.epoch, seq: input.since },
        { limit: POLL_PAGE },
      );
      switch (answer.kind) {
        case "gone":
          throw notFound("board");
        case "future":
          throw invalid(
            "since",
            `since ${input.since} is ahead of the board (at ${answer.seq}): load the board afresh`,
          );
        case "reload":
          return { epoch: answer.epoch, seq: answer.seq, reload: true };
        case "changes":
          // Access may have ended inside this very range (removed while the read ran): check again.
          if (
            answer.changes.some(mayChangeReadAccess) &&
            !(await mayRead(ctx.store, boardId, memberIdOf(actor)))
          )
            throw notFound("board");
          heads.learned(boardId, answer.epoch, answer.seq);
          return { epoch: answer.epoch, seq: answer.seq, changes: answer.changes };
      }
    },
  });
}
