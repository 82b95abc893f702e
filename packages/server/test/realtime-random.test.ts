// The randomized test: several people edit one board at once, over sockets and over HTTP, on two
// server processes, while their sockets drop and reconnect (to either process) at random and two
// more clients only poll. Afterwards every client's copy must equal the server's board, no change
// may have arrived twice, and no mutation id may have been applied twice. Bounded in time; the
// seed is printed so a failure can be replayed with TACK_TEST_SEED.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { newId } from "@tack/shared/ids";
import { openStore } from "../src/store/open-store.ts";
import type { Store } from "../src/store/store.ts";
import { Person } from "./harness.ts";
import { comparableReplica, comparableServerBoard } from "./support/board-replica.ts";
import { LiveClient } from "./support/live-client.ts";
import { PollingClient } from "./support/polling-client.ts";
import { startTestRedis, type TestRedis } from "./support/redis-server.ts";
import { type ServerProcess, startServerProcess } from "./support/server-process.ts";
import { createTempDatabase, type TempDatabase } from "./support/temp-postgres.ts";

const EDIT_FOR_MS = 10_000;
const seed = Number(process.env.TACK_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: a small seeded generator, so a run can be replayed. */
function generator(start: number): () => number {
  let s = start >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(seed);
const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let db: TempDatabase;
let redis: TestRedis;
let servers: ServerProcess[];
let store: Store;

before(async () => {
  db = await createTempDatabase();
  redis = await startTestRedis();
  const services = { databaseUrl: db.url, redisUrl: redis.url, redisPrefix: `tack_t_${seed}_${Date.now()}:` };
  servers = [await startServerProcess("a", services), await startServerProcess("b", services)];
  store = await openStore({ databaseUrl: db.url, sqlitePath: "" });
});
after(async () => {
  await Promise.all((servers ?? []).map((s) => s.stop()));
  await store?.close();
  await redis?.stop();
  await db?.drop();
});

function on(server: ServerProcess, person: Person): Person {
  return Object.assign(new Person(server.asTestServer()), {
    id: person.id,
    token: person.token,
    username: person.username,
  });
}

type Op = { method: "POST" | "PUT" | "DELETE"; path: string; body: Record<string, unknown> };

/** A random edit, chosen from what this client currently sees of the board. */
function randomOp(client: LiveClient | PollingClient, board: string): Op | null {
  const state = client.replica.state;
  if (!state) return null;
  const lists = [...state.lists.values()].filter((l) => !l.closed);
  const cards = [...state.cards.values()];
  const labels = [...state.labels.values()];
  const card = pick(cards);
  const list = pick(lists);
  const roll = random();
  if (roll < 0.3 || !card) {
    if (!list) return { method: "POST", path: "/1/lists", body: { idBoard: board, name: `list ${newId()}` } };
    return {
      method: "POST",
      path: "/1/cards",
      body: { idList: list.id, name: `c-${newId()}`, pos: pick(["top", "bottom"]) },
    };
  }
  if (roll < 0.45)
    return { method: "PUT", path: `/1/cards/${card.id}`, body: { name: `renamed ${newId()}` } };
  if (roll < 0.6 && list)
    return {
      method: "PUT",
      path: `/1/cards/${card.id}`,
      body: { idList: list.id, pos: pick(["top", "bottom", random() * 100_000]) },
    };
  if (roll < 0.67) return { method: "PUT", path: `/1/cards/${card.id}`, body: { closed: !card.closed } };
  if (roll < 0.74) return { method: "DELETE", path: `/1/cards/${card.id}`, body: {} };
  if (roll < 0.8 && labels.length > 0) {
    const label = pick(labels)!;
    return card.idLabels.includes(label.id)
      ? { method: "DELETE", path: `/1/cards/${card.id}/idLabels/${label.id}`, body: {} }
      : { method: "POST", path: `/1/cards/${card.id}/idLabels`, body: { value: label.id } };
  }
  if (roll < 0.86)
    return {
      method: "POST",
      path: `/1/cards/${card.id}/actions/comments`,
      body: { text: `note ${newId()}` },
    };
  if (roll < 0.9) return { method: "POST", path: `/1/cards/${card.id}/checklists`, body: { name: "Steps" } };
  if (roll < 0.95 && list)
    return {
      method: "PUT",
      path: `/1/lists/${list.id}`,
      body: { name: `list ${newId()}`, pos: pick(["top", "bottom"]) },
    };
  return { method: "POST", path: "/1/lists", body: { idBoard: board, name: `list ${newId()}` } };
}

test(`randomized: concurrent edits, drops and reconnects end with every copy equal to the server's (seed ${seed})`, async () => {
  const [a, b] = servers as [ServerProcess, ServerProcess];
  const ada = await Person.signUp(a.asTestServer(), "ada");
  const bob = await Person.signUp(b.asTestServer(), "bob");
  const carol = await Person.signUp(a.asTestServer(), "carol");
  const created = await ada.post("/1/boards", { name: "Random", defaultLists: true });
  const board = created.body.id as string;
  for (const person of [bob, carol])
    await ada.put(`/1/boards/${board}/members/${person.id}`, { type: "normal" });

  const people = [ada, bob, carol];
  const live = [
    new LiveClient(board, ada.token),
    new LiveClient(board, bob.token),
    new LiveClient(board, carol.token),
    new LiveClient(board, ada.token),
  ];
  await Promise.all(live.map((client, i) => client.connect(servers[i % 2]!.url)));
  const pollers = [new PollingClient(on(a, bob), board), new PollingClient(on(b, carol), board)];
  for (const poller of pollers) await poller.poll();

  const stats = { ok: 0, refused: 0, replays: 0, drops: 0 };
  const createdBy = new Map<string, string>(); // card name → mutation id
  const deadline = Date.now() + EDIT_FOR_MS;

  const writer = async (client: LiveClient, person: Person) => {
    let last: { op: Op; id: string } | null = null;
    while (Date.now() < deadline) {
      const roll = random();
      if (roll < 0.04) {
        stats.drops += 1;
        if (random() < 0.5) client.socket?.ws.terminate();
        else await client.disconnect();
        await sleep(random() * 300);
        await client.connect(pick(servers)!.url);
        continue;
      }
      if (roll < 0.08 && last && client.connected) {
        stats.replays += 1;
        const again = await client.mutate(last.op.method, last.op.path, last.op.body, last.id);
        if (again.ok) stats.ok += 1;
        continue;
      }
      const op = randomOp(client, board);
      if (!op) {
        await sleep(10);
        continue;
      }
      const id = newId();
      if (typeof op.body.name === "string" && op.body.name.startsWith("c-")) createdBy.set(op.body.name, id);
      const answer =
        client.connected && random() < 0.7
          ? await client.mutate(op.method, op.path, op.body, id)
          : await on(pick(servers)!, person).call(op.method, op.path, op.body, "token", {
              "x-tack-mutation-id": id,
            });
      const status = "ok" in answer ? answer.status : answer.status;
      if (status === 200) stats.ok += 1;
      else if (status >= 400 && status < 500) stats.refused += 1;
      else if (status !== 0)
        assert.fail(
          `${op.method} ${op.path} answered ${status}: ${JSON.stringify("body" in answer ? answer.body : "")}`,
        );
      last = { op, id };
      await sleep(random() * 15);
    }
  };
  const poller = async (client: PollingClient) => {
    while (Date.now() < deadline) {
      await client.poll();
      const op = random() < 0.2 ? randomOp(client, board) : null;
      if (op) await client.person.call(op.method, op.path, op.body);
      await sleep(30 + random() * 120);
    }
  };
  await Promise.all([...live.map((client, i) => writer(client, people[i % 3]!)), ...pollers.map(poller)]);

  // Quiet now: everyone reconnects if needed and must converge on the server's board.
  for (const client of live) if (!client.connected) await client.connect(pick(servers)!.url);
  const final = (await store.boardById(board))!.seq;
  const until = Date.now() + 20_000;
  while (live.some((c) => c.replica.seq < final) && Date.now() < until) await sleep(25);
  for (const poller of pollers) await poller.poll();
  const expected = await comparableServerBoard(store, board);
  for (const [i, client] of [...live, ...pollers].entries()) {
    const who = `${client instanceof LiveClient ? `live client ${i}` : `poller ${i - live.length}`} at seq ${client.replica.seq} of ${final}`;
    if (client instanceof LiveClient) assert.deepEqual(client.problems, [], who);
    assert.equal(client.replica.duplicates, 0, `${who}: no change arrived twice`);
    assert.deepEqual(comparableReplica(client.replica), expected, who);
  }
  // A replayed mutation id is applied once: no card name (unique per create) appears twice.
  const names = (await store.objectsOf(board, "card")).map((c) => c.name).filter((n) => createdBy.has(n));
  assert.equal(new Set(names).size, names.length, "a replayed create made a second card");
  assert.ok(stats.ok > 100, `only ${stats.ok} edits succeeded: ${JSON.stringify(stats)}`);
  assert.ok(stats.drops > 3 && stats.replays > 3, JSON.stringify(stats));
  console.log(`randomized (seed ${seed}): ${final} changes, ${JSON.stringify(stats)}`);
});
