// The embedded store's durability promise: a transaction that returned is on disk, even if the
// process is killed with SIGKILL right after (WAL with synchronous=FULL).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, it } from "node:test";
import { SqliteStore } from "../src/store/sqlite.ts";

const dir = mkdtempSync(join(tmpdir(), "tack-crash-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the write loop until it has printed `commits` seqs, then kills it with SIGKILL. */
async function killMidLoop(path: string, commits: number): Promise<{ boardId: string; printed: number[] }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, "support/sqlite-write-loop.ts"), path], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  let boardId = "";
  const printed: number[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    const [word, value] = line.split(" ");
    if (word === "board") boardId = value!;
    if (word === "seq") printed.push(Number(value));
    if (printed.length === commits) child.kill("SIGKILL");
  }
  assert.equal(await exited, "SIGKILL", "the write loop should still have been running when killed");
  return { boardId, printed };
}

it("every seq a killed writer printed is in the reopened SQLite file, with no gaps", async () => {
  const path = join(dir, "tack.db");
  const { boardId, printed } = await killMidLoop(path, 200);
  assert.ok(printed.length >= 200);
  const store = new SqliteStore(path);
  try {
    const head = await store.boardById(boardId);
    assert.ok(head, "the board survived");
    const log = await store.changesSince(boardId, 0, 100_000);
    const stored = new Set(log.map((c) => c.seq));
    for (const seq of printed)
      assert.ok(stored.has(seq), `seq ${seq} was printed as committed but is missing`);
    // What is there is whole: a gapless log ending at the board's seq, one card per createCard.
    assert.deepEqual(
      log.map((c) => c.seq),
      Array.from({ length: head.seq }, (_, i) => i + 1),
    );
    assert.equal((await store.objectsOf(boardId, "card")).length, head.seq - 1);
  } finally {
    await store.close();
  }
});
