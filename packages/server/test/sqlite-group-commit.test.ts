// Group commit on SQLite (decision 0048-sqlite-group-commit): board transactions that queue up
// while the writer is busy commit together, in one database transaction with one fsync, each in a
// savepoint of its own. Checked on a real database file: fewer commits than transactions; seqs in
// call order without gaps; a failing command undone alone (its direct writes too) with its own
// answer; a mutation id seen by its twin in the same group; no answer before the data is committed
// (the reader connection, which sees committed data only, already shows it).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Board, List } from "@tack/shared/models";
import { BoardObjectsCache } from "../src/store/board-objects-cache.ts";
import { SqliteBoardWriter } from "../src/store/sqlite/board-writes.ts";
import { SqliteConnection } from "../src/store/sqlite/connection.ts";
import { aBoard, aCard, aDraft, aList, aMemberRecord, aMembership } from "./support/store-fixtures.ts";

let dir: string;
let db: SqliteConnection;
let writer: SqliteBoardWriter;
const record = aMemberRecord();
const member = record.member;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "tack-group-commit-"));
  db = new SqliteConnection(join(dir, "tack.db"));
  writer = new SqliteBoardWriter(db, new BoardObjectsCache());
  db.w("INSERT INTO members (id, username, email, password_hash, doc) VALUES (?, ?, ?, ?, ?)").run(
    member.id,
    member.username,
    record.email,
    record.passwordHash,
    JSON.stringify(member),
  );
});
after(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function aBoardWithList(): Promise<{ board: Board; list: List }> {
  const board = aBoard();
  const list = aList(board.id);
  await writer.transact(
    board.id,
    async (tx) => {
      await tx.putMembership(aMembership(member.id, "admin"));
      await tx.put("list", list);
      await tx.record(aDraft(member.id, { type: "createBoard" }));
    },
    { create: board },
  );
  return { board, list };
}

const committedSeqs = (boardId: string) =>
  (
    db.r("SELECT seq FROM actions WHERE board_id = ? ORDER BY seq").all(boardId) as Array<{ seq: number }>
  ).map((r) => Number(r.seq));
const committedCard = (id: string) => db.r("SELECT id FROM objects WHERE id = ?").get(id);

test("transactions queued while the writer is busy commit together, each answered for itself, in call order", async () => {
  const { board, list } = await aBoardWithList();
  const commitsBefore = writer.commits;
  const cards = Array.from({ length: 20 }, (_, i) => aCard(board.id, list.id, { name: `card ${i}` }));
  const answers = await Promise.all(
    cards.map((card) =>
      writer
        .transact(board.id, async (tx) => {
          await tx.put("card", card);
          return (await tx.record(aDraft(member.id, { type: "createCard" }))).seq;
        })
        .then((answer) => {
          // Answered only once committed: the reader connection sees committed data only.
          assert.ok(committedCard(card.id), "answered before its commit");
          return answer;
        }),
    ),
  );
  const commits = writer.commits - commitsBefore;
  assert.ok(commits < cards.length / 2, `20 transactions took ${commits} commits`);
  assert.deepEqual(
    answers.map((a) => a.result),
    Array.from({ length: 20 }, (_, i) => i + 2),
    "seqs follow the order of the calls",
  );
  for (const [i, a] of answers.entries())
    assert.deepEqual(
      a.changes.map((c) => c.seq),
      [i + 2],
    );
  assert.deepEqual(
    committedSeqs(board.id),
    Array.from({ length: 21 }, (_, i) => i + 1),
  );
  for (const card of cards) assert.ok(committedCard(card.id));
});

test("a command that fails inside a group is undone alone, direct writes too, and answers its own error", async () => {
  const { board, list } = await aBoardWithList();
  const kept = Array.from({ length: 6 }, (_, i) => aCard(board.id, list.id, { name: `kept ${i}` }));
  const doomed = aCard(board.id, list.id, { name: "doomed" });
  const commitsBefore = writer.commits;
  const run = (card: typeof doomed, fail: boolean) =>
    writer.transact(board.id, async (tx) => {
      await tx.put("card", card);
      // A membership is written at once, not buffered: the savepoint must undo it.
      if (fail) await tx.putMembership(aMembership(member.id, "observer"));
      await tx.record(aDraft(member.id, { type: "createCard" }));
      if (fail) throw new Error("the command refused after writing");
      return card.id;
    });
  const settled = await Promise.allSettled([
    ...kept.slice(0, 3).map((c) => run(c, false)),
    run(doomed, true),
    ...kept.slice(3).map((c) => run(c, false)),
  ]);
  assert.ok(writer.commits - commitsBefore <= 2, "the failure did not split the group into single commits");
  assert.equal(settled[3]!.status, "rejected");
  assert.match(String((settled[3] as PromiseRejectedResult).reason), /refused after writing/);
  assert.equal(settled.filter((s) => s.status === "fulfilled").length, 6);
  assert.equal(committedCard(doomed.id), undefined, "the failed command's card is not committed");
  const role = db
    .r("SELECT json_extract(doc, '$.memberType') AS role FROM board_members WHERE board_id = ?")
    .get(board.id) as { role: string };
  assert.equal(role.role, "admin", "its direct write (the membership) was undone");
  assert.deepEqual(committedSeqs(board.id), [1, 2, 3, 4, 5, 6, 7], "no gap where it failed");
  for (const card of kept) assert.ok(committedCard(card.id));
});

test("a mutation id written earlier in the group is seen by its twin later in the same group", async () => {
  const { board, list } = await aBoardWithList();
  const write = (name: string) =>
    writer.transact(board.id, async (tx) => {
      const prior = await tx.priorMutation(member.id, "twin-mutation");
      if (prior) return `replayed ${prior.change.seq}`;
      await tx.put("card", aCard(board.id, list.id, { name }));
      const change = await tx.record(aDraft(member.id, { type: "createCard", mutationId: "twin-mutation" }));
      return `wrote ${change.seq}`;
    });
  // Both wait for the writer at once, so they share one group.
  const commitsBefore = writer.commits;
  const [first, second] = await Promise.all([write("first"), write("second")]);
  assert.equal(writer.commits - commitsBefore, 1);
  assert.equal(first.result, "wrote 2");
  assert.equal(second.result, "replayed 2");
  assert.deepEqual(committedSeqs(board.id), [1, 2]);
});
