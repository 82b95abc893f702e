// A board transaction under the lock looks for earlier attempts of its declared mutation ids (every
// write of the web client carries one) in the same write as BEGIN, one statement for a whole group,
// instead of a statement per command. What must hold: every answer is the one a statement of its
// own gave (an attempt committed before is a replay; two attempts of one id in one group are one
// write and one replay), and a group of N commands sends no per-command lookup. Proved on a real
// database with two stores (two processes).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { BoardTx } from "../src/store/board-tx.ts";
import { PRIOR_MUTATIONS_SQL } from "../src/store/postgres/actions.ts";
import { statementsDuring } from "./support/pg-socket-writes.ts";
import { aDraft, aSeededBoard } from "./support/store-fixtures.ts";
import { twoProcessStores } from "./support/two-stores.ts";

const ONE_LOOKUP = "SELECT * FROM actions WHERE member_id = $1 AND mutation_id = $2";

describe("earlier attempts of mutation ids, looked up with BEGIN under the lock", () => {
  const stores = twoProcessStores();

  it("a group's commands are answered from one lookup: a replay, a new write, a retry racing its first attempt", async () => {
    const board = await aSeededBoard(stores.store);
    const memberId = board.admin.id;
    // An attempt committed earlier, by the other process.
    await stores.other.transact(board.board.id, (tx) =>
      tx.record(aDraft(memberId, { mutationId: "sent-before", mutationKind: "updateCard" })),
    );
    /** A write that needs the lock (memberships are not read ahead) and carries a mutation id. */
    const write = (mutationId: string) =>
      stores.store.transact(
        board.board.id,
        async (tx: BoardTx) => {
          await tx.memberships();
          const prior = await tx.priorMutation(memberId, mutationId);
          if (prior) return `replay of seq ${prior.change.seq}`;
          const change = await tx.record(aDraft(memberId, { mutationId, mutationKind: "updateCard" }));
          return `new at seq ${change.seq}`;
        },
        { reads: { ids: [], mutations: [{ memberId, mutationId }] } },
      );
    const seqBefore = (await stores.other.boardById(board.board.id))!.seq;
    const { result, sent } = await statementsDuring(() =>
      Promise.all([write("sent-before"), write("first"), write("twice"), write("twice"), write("last")]),
    );
    assert.deepEqual(
      result.map((r) => r.result),
      [
        `replay of seq ${seqBefore}`,
        `new at seq ${seqBefore + 1}`,
        `new at seq ${seqBefore + 2}`,
        `replay of seq ${seqBefore + 2}`,
        `new at seq ${seqBefore + 3}`,
      ],
    );
    assert.equal(sent.filter((s) => s === "BEGIN").length, 1, "one group, under the lock");
    assert.equal(sent.filter((s) => s === PRIOR_MUTATIONS_SQL).length, 1, "one lookup for the group");
    // Only the retry of an id this very group wrote asks again (its answer is this transaction's).
    assert.equal(sent.filter((s) => s === ONE_LOOKUP).length, 1);
    assert.deepEqual(
      (await stores.other.changesSince(board.board.id, seqBefore - 1, 10)).map((c) => c.seq),
      [seqBefore, seqBefore + 1, seqBefore + 2, seqBefore + 3],
      "three new writes, no gap",
    );
  });

  it("a write alone under the lock finds an attempt another process committed a moment before", async () => {
    const board = await aSeededBoard(stores.store);
    const memberId = board.admin.id;
    const attempt = (store: typeof stores.store) =>
      store.transact(
        board.board.id,
        async (tx: BoardTx) => {
          await tx.memberships();
          const prior = await tx.priorMutation(memberId, "retried");
          if (prior) return "replay";
          await tx.record(aDraft(memberId, { mutationId: "retried", mutationKind: "updateCard" }));
          return "new";
        },
        { reads: { ids: [], mutations: [{ memberId, mutationId: "retried" }] } },
      );
    assert.equal((await attempt(stores.other)).result, "new");
    const { result, sent } = await statementsDuring(() => attempt(stores.store));
    assert.equal(result.result, "replay");
    assert.equal(sent.filter((s) => s === ONE_LOOKUP).length, 0);
  });
});
