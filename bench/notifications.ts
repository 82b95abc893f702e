// Notifications benchmark: a comment on a board with 500 members who all watch it, every one of
// them online with a socket. Measured:
//   1. delay from commit to each recipient's socket receiving its `notification` message (the
//      outbox worker delivering as it runs in production, kicked by the commit): p50/p99/max over
//      every (comment, recipient) pair; "commit" is the action's timestamp, taken just before the
//      board transaction, so the delay is slightly overstated;
//   2. cost per recipient: with the worker paused, the time one delivery pass takes for one
//      comment (read the action, decide recipients, store 500 notifications, push 500 messages),
//      divided by the recipients, in wall time and in the process's CPU time (on a busy machine
//      the wall time is mostly waiting for a core).
// Server and sockets share this process (and the machine's cores) with the load generator.
// Run: npm run bench -- notifications [--store=sqlite|postgres] [--members=500] [--comments=20]
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { newId } from "@tack/shared/ids";
import type { ServerMessage } from "@tack/shared/protocol";
import WebSocket from "ws";
import { sha256 } from "../packages/server/src/auth/secrets.ts";
import { setBoardMember } from "../packages/server/src/commands/boards/set-board-member.ts";
import { execute } from "../packages/server/src/commands/command.ts";
import { Person, type StoreKind, startServer } from "../packages/server/test/harness.ts";
import { SocketClient } from "../packages/server/test/support/socket-client.ts";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const kind = (args.get("store") ?? "sqlite") as StoreKind;
const memberCount = Number(args.get("members") ?? 500);
const comments = Number(args.get("comments") ?? 20);

// Every socket comes from this one address: lift the per-address socket cap above the member count.
const server = await startServer(
  {
    TACK_AUTH_RATE_LIMIT: "100000",
    TACK_TOKEN_RATE_LIMIT: "100000",
    TACK_SOCKETS_PER_ADDRESS: String(memberCount + 100),
  },
  kind,
);
const { ctx } = server.app;
const alice = await Person.signUp(server, "alice");
const board = (await alice.post("/1/boards", { name: "Everyone" })).body;
const list = (await alice.post("/1/lists", { name: "News", idBoard: board.id })).body;
const card = (await alice.post("/1/cards", { idList: list.id, name: "Announcement" })).body;

// 500 accounts, on the board and watching it, each with an API token for its socket.
const tokens: string[] = [];
for (let i = 0; i < memberCount; i++) {
  const id = newId();
  const member = {
    ...(await ctx.store.memberById(alice.id))!,
    id,
    username: `watcher${i}`,
    fullName: `Watcher ${i}`,
    initials: "W",
  };
  await ctx.store.insertMember({ member, email: `watcher${i}@example.test`, passwordHash: "not-a-login" });
  await execute(ctx, setBoardMember, {
    actor: { kind: "member", memberId: alice.id, via: "token", tokenId: "bench" },
    boardId: board.id,
    member,
    role: "normal",
  });
  await ctx.store.notify.setWatching(id, "board", board.id, board.id, true);
  const token = `bench${newId()}${newId()}`;
  await ctx.store.insertToken({
    id: newId(),
    tokenHash: sha256(token),
    memberId: id,
    name: "bench",
    createdAt: new Date().toISOString(),
    expiresAt: null,
    lastUsed: null,
  });
  tokens.push(token);
}
await server.app.notifications.outbox.drain(); // the "added to board" notifications

// Every member online: one socket each, noting when each notification arrives.
const arrivals = new Map<string, number[]>(); // comment text -> arrival times
const sockets: WebSocket[] = [];
for (let i = 0; i < tokens.length; i += 100) {
  await Promise.all(
    tokens.slice(i, i + 100).map(
      (token) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(SocketClient.url(server.url, { token }));
          sockets.push(ws);
          ws.on("message", (data) => {
            const at = performance.timeOrigin + performance.now();
            const message = JSON.parse(data.toString()) as ServerMessage;
            if (message.type === "hello") resolve();
            if (message.type === "notification" && message.notification.data.text) {
              const list = arrivals.get(message.notification.data.text) ?? [];
              list.push(at);
              arrivals.set(message.notification.data.text, list);
            }
          });
          ws.on("error", reject);
        }),
    ),
  );
}

// 1. Delay from commit to each socket.
const delays: number[] = [];
for (let i = 0; i < comments; i++) {
  const text = `Update ${i}`;
  const res = await alice.post(`/1/cards/${card.id}/actions/comments`, { text });
  const committedAt = Date.parse(res.body.date);
  while ((arrivals.get(text)?.length ?? 0) < memberCount) await new Promise((r) => setTimeout(r, 2));
  for (const at of arrivals.get(text)!) delays.push(at - committedAt);
}

// 2. Cost per recipient: one delivery pass for one comment, with the worker paused.
const passes: number[] = [];
const cpu: number[] = []; // CPU time of the process during the pass: what it costs without waiting
for (let i = 0; i < 5; i++) {
  await server.app.notifications.outbox.stop();
  const text = `Measured ${i}`;
  await alice.post(`/1/cards/${card.id}/actions/comments`, { text });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await server.app.notifications.outbox.drain();
  passes.push(performance.now() - started);
  const used = process.cpuUsage(cpuBefore);
  cpu.push((used.user + used.system) / 1000);
  server.app.notifications.outbox.start();
  while ((arrivals.get(text)?.length ?? 0) < memberCount) await new Promise((r) => setTimeout(r, 2));
}

const sorted = [...delays].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const passSorted = [...passes].sort((a, b) => a - b);
const medianPass = passSorted[Math.floor(passSorted.length / 2)]!;
console.log(`store: ${kind}; ${memberCount} members watching the board, all online; ${comments} comments`);
console.log("| measure | value |");
console.log("|---|---|");
console.log(`| notifications pushed | ${delays.length} |`);
console.log(`| delay commit → socket, p50 | ${pct(50).toFixed(1)} ms |`);
console.log(`| delay commit → socket, p99 | ${pct(99).toFixed(1)} ms |`);
console.log(`| delay commit → socket, max | ${sorted.at(-1)!.toFixed(1)} ms |`);
console.log(`| one delivery pass (median of ${passes.length}) | ${medianPass.toFixed(1)} ms |`);
console.log(`| cost per recipient | ${((medianPass / memberCount) * 1000).toFixed(0)} µs |`);
const medianCpu = [...cpu].sort((a, b) => a - b)[Math.floor(cpu.length / 2)]!;
console.log(`| CPU time of one pass (median) | ${medianCpu.toFixed(1)} ms |`);
console.log(`| CPU per recipient | ${((medianCpu / memberCount) * 1000).toFixed(0)} µs |`);
console.log(`| load average (1 min) at the end | ${loadavg()[0]!.toFixed(1)} |`);

for (const ws of sockets) ws.terminate();
await server.stop();
process.exit(0);
