// Webhooks benchmark: a board watched by webhooks whose callbacks are a real HTTP receiver in this
// process (loopback allowed for the benchmark). Measured:
//   1. delay from commit to delivery: comments posted one after another, each delivered to every
//      webhook with the outbox worker and the sender running as in production (kicked by the
//      commit); "commit" is the action's timestamp, taken just before the board transaction, so
//      delays are slightly overstated; p50/p99/max over every (comment, webhook) pair;
//   2. deliveries per second: with the sender stopped, `--writes` comments are committed and fanned
//      out (deliveries queued), then the sender is started and timed until the receiver has them all.
// Server, receiver and load generator share this process (and the machine's cores).
// Run: npm run bench -- webhooks [--store=sqlite|postgres] [--webhooks=10] [--comments=30] [--writes=100]
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Person, type StoreKind, startServer } from "../packages/server/test/harness.ts";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const kind = (args.get("store") ?? "sqlite") as StoreKind;
const hookCount = Number(args.get("webhooks") ?? 10);
const comments = Number(args.get("comments") ?? 30);
const writes = Number(args.get("writes") ?? 100);

const arrivals = new Map<string, number[]>(); // comment text -> arrival times
let received = 0;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    res.end();
    if (req.method !== "POST") return;
    const at = performance.timeOrigin + performance.now();
    received++;
    const text = JSON.parse(Buffer.concat(chunks).toString()).action.data.text as string;
    const list = arrivals.get(text) ?? [];
    list.push(at);
    arrivals.set(text, list);
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

const server = await startServer(
  {
    TACK_AUTH_RATE_LIMIT: "100000",
    TACK_TOKEN_RATE_LIMIT: "100000",
    TACK_WEBHOOK_ALLOW_PRIVATE: "true",
  },
  kind,
);
const alice = await Person.signUp(server, "alice");
const board = (await alice.post("/1/boards", { name: "Watched" })).body;
const list = (await alice.post("/1/lists", { name: "News", idBoard: board.id })).body;
const card = (await alice.post("/1/cards", { idList: list.id, name: "Announcement" })).body;
for (let i = 0; i < hookCount; i++) {
  const res = await alice.post("/1/webhooks", { callbackURL: `${receiverUrl}/hook${i}`, idModel: board.id });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}
const until = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 1));
};

// 1. Delay from commit to delivery.
const delays: number[] = [];
for (let i = 0; i < comments; i++) {
  const text = `Update ${i}`;
  const res = await alice.post(`/1/cards/${card.id}/actions/comments`, { text });
  const committedAt = Date.parse(res.body.date);
  await until(() => (arrivals.get(text)?.length ?? 0) >= hookCount);
  for (const at of arrivals.get(text)!) delays.push(at - committedAt);
}

// 2. Deliveries per second from a queue of writes × webhooks.
const { webhooks } = server.app.notifications;
await webhooks.sender.stop();
for (let i = 0; i < writes; i++)
  await alice.post(`/1/cards/${card.id}/actions/comments`, { text: `Queued ${i}` });
await server.app.notifications.outbox.drain();
const start = received;
const started = performance.now();
webhooks.sender.start();
await until(() => received - start >= writes * hookCount);
const seconds = (performance.now() - started) / 1000;

const sorted = [...delays].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
console.log(`store: ${kind}; ${hookCount} webhooks on one board; ${comments} comments one after another`);
console.log("| store | deliveries | delay p50 | delay p99 | delay max | queued deliveries | deliveries/s |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
console.log(
  `| ${kind} | ${delays.length} | ${pct(50).toFixed(1)} ms | ${pct(99).toFixed(1)} ms | ${sorted.at(-1)!.toFixed(1)} ms | ${writes * hookCount} | ${Math.round((writes * hookCount) / seconds)} |`,
);
await server.stop();
receiver.close();
