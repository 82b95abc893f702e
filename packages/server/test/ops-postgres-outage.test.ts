// PostgreSQL goes away under a running cluster (its own server, stopped with a fast shutdown as in
// a restart): requests fail cleanly with 503 `unavailable`, workers leave HAProxy's rotation,
// nothing is half-written, and everything recovers when the database is back.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { type Cluster, startCluster, waitUntilAllUp } from "./support/cluster.ts";
import { prepareClients, verify } from "./support/load.ts";
import { type PrivatePostgres, startPrivatePostgres } from "./support/private-postgres.ts";
import { sleep, stopAll, waitForStatus } from "./support/processes.ts";

let pg: PrivatePostgres | undefined;
let cluster: Cluster | undefined;
after(async () => {
  await cluster?.stop();
  pg?.destroy();
  await stopAll();
});

const KEY = "0".repeat(32);

test("PostgreSQL down: 503 unavailable, not ready, nothing half-written; then recovery", async () => {
  pg = await startPrivatePostgres();
  cluster = await startCluster({ workers: 2, databaseUrl: pg.url });
  const [ann] = await prepareClients(cluster.url, 1, 2, "outage");
  const client = ann!;
  const worker = `http://127.0.0.1:${cluster.basePort}`;
  const auth = `key=${KEY}&token=${client.token}`;
  const [cardId] = [...client.cards.keys()];

  pg.stop();

  // Straight to a worker: the API answers 503 with Tack's error shape, and readiness fails.
  const read = await fetch(`${worker}/1/boards/${client.boardId}?${auth}`);
  assert.equal(read.status, 503);
  assert.equal(read.headers.get("retry-after"), "2");
  assert.equal(((await read.json()) as any).error, "unavailable");
  const write = await fetch(`${worker}/1/cards?${auth}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Written during the outage", idList: client.lists[0] }),
  });
  assert.equal(write.status, 503);
  assert.equal(((await write.json()) as any).error, "unavailable");
  const ready = await fetch(`${worker}/readyz`);
  assert.equal(ready.status, 503);
  assert.equal(((await ready.json()) as any).failing[0].name, "store");

  // Through HAProxy: once its checks see the workers not ready, it answers the same JSON shape.
  await sleep(1_000);
  const proxied = await fetch(`${cluster.url}/1/boards/${client.boardId}?${auth}`);
  assert.equal(proxied.status, 503);
  assert.match(proxied.headers.get("content-type") ?? "", /application\/json/);
  assert.equal(((await proxied.json()) as any).error, "unavailable");
  assert.equal(cluster.supervisor.exit, null, "the cluster keeps running");

  pg.start();
  for (let i = 0; i < 2; i++)
    await waitForStatus(`http://127.0.0.1:${cluster.basePort + i}/readyz`, undefined, 20_000);
  await waitUntilAllUp(cluster);

  const board = await fetch(`${cluster.url}/1/boards/${client.boardId}?cards=open&${auth}`);
  assert.equal(board.status, 200);
  const cards = ((await board.json()) as any).cards as Array<{ name: string }>;
  assert.ok(
    !cards.some((c) => c.name === "Written during the outage"),
    "the refused write left nothing behind",
  );
  const move = await fetch(`${cluster.url}/1/cards/${cardId}?${auth}`, {
    method: "PUT",
    headers: { "content-type": "application/json", "x-tack-mutation-id": `recover${Date.now()}` },
    body: JSON.stringify({ idList: client.lists[1] }),
  });
  assert.equal(move.status, 200);
  client.cards.set(cardId!, client.lists[1]);
  client.ackedMoves++;
  assert.deepEqual(await verify(cluster.url, [client]), []);
});
