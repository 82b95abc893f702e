// The outbox survives kill -9: a Tack process (SQLite, the embedded default) commits comments
// that mention Bob and is killed with SIGKILL the moment the last one is answered, before it could
// have delivered them all; a new process on the same data delivers what was left. Bob ends with
// exactly one notification per comment: none lost, none doubled.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Person, type TestServer } from "./harness.ts";
import { startServerProcess } from "./support/server-process.ts";

const dataDir = mkdtempSync(join(tmpdir(), "tack-outbox-crash-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));
const embedded = { databaseUrl: "", redisUrl: "", redisPrefix: "" };
const COMMENTS = 40;

test("comments committed just before kill -9 are notified once each after a restart", async () => {
  const first = await startServerProcess("outbox-first", embedded, {
    TACK_DATA_DIR: dataDir,
    TACK_AUTH_RATE_LIMIT: "1000",
  });
  const server = first.asTestServer();
  const alice = await Person.signUp(server, "alice");
  const bob = await Person.signUp(server, "bob");
  const board = (await alice.post("/1/boards", { name: "Launch" })).body;
  const list = (await alice.post("/1/lists", { name: "Doing", idBoard: board.id })).body;
  const card = (await alice.post("/1/cards", { idList: list.id, name: "Press kit" })).body;
  assert.equal((await alice.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" })).status, 200);
  const answers = await Promise.all(
    Array.from({ length: COMMENTS }, (_, i) =>
      alice.post(`/1/cards/${card.id}/actions/comments`, { text: `@bob number ${i}` }),
    ),
  );
  process.kill(first.pid, "SIGKILL");
  assert.ok(answers.every((a) => a.status === 200));
  await first.stop();

  const second = await startServerProcess("outbox-second", embedded, { TACK_DATA_DIR: dataDir });
  try {
    const restarted = { url: second.url } as TestServer;
    // The tokens are in the database: only the address changed.
    const again = Object.assign(bob, { server: restarted });
    let mentions: any[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      mentions = (await again.get("/1/members/me/notifications?filter=mentionedOnCard&limit=1000")).body;
      if (mentions.length >= COMMENTS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const texts = mentions.map((n) => n.data.text).sort();
    assert.deepEqual(texts, Array.from({ length: COMMENTS }, (_, i) => `@bob number ${i}`).sort());
  } finally {
    await second.stop();
  }
});
