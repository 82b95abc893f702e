// What a board transaction's opening statements cost PostgreSQL (decision 0045, amended): the
// statements Tack sends first (BEGIN, the webhooks gate's shared lock, the webhooks check, the
// board row's lock), then an update and COMMIT sent together, by 16 pipelined connections, each on
// a board row of its own. Two ways to send the opening: one multi-statement text with the board id
// inlined (parsed and planned on every transaction), and four prepared statements in one write.
// Rounds interleave; PostgreSQL's CPU is the utime + stime of the connections' own backends.
// Run: node bench/begin-statements.ts [--seconds=3] [--rounds=3]
import pg from "pg";
import { createTempDatabase } from "../packages/server/test/support/temp-postgres.ts";
import { cpuByPid, cpuSpent } from "./cpu-meter.ts";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const SECONDS = Number(args.get("seconds") ?? 3);
const ROUNDS = Number(args.get("rounds") ?? 3);
const CONNECTIONS = 16;
const GATE = 7_365_420_016;

type Client = pg.Client & {
  connection: { stream: NodeJS.WritableStream & { cork(): void; uncork(): void } };
};

/** Starts the statements in one socket write and waits for every answer. */
function together(client: Client, start: () => Array<Promise<unknown>>): Promise<unknown[]> {
  const socket = client.connection.stream;
  socket.cork();
  try {
    return Promise.all(start());
  } finally {
    socket.uncork();
  }
}

const q = (client: Client, text: string, values: unknown[] = []) =>
  client.query({ name: `b_${text.length}_${text.slice(0, 24)}`, text, values });

const finish = (client: Client, id: string) =>
  together(client, () => [
    q(client, "UPDATE bench_boards SET seq = seq + 1, version = version + 1 WHERE id = $1", [id]),
    q(client, "COMMIT"),
  ]);

const ways: Record<string, (client: Client, id: string) => Promise<unknown>> = {
  "one text, id inlined": async (client, id) => {
    await client.query(
      `BEGIN; SELECT pg_advisory_xact_lock_shared(${GATE}); SELECT EXISTS (SELECT 1 FROM bench_hooks) AS hooks; SELECT doc, seq, version::text AS version FROM bench_boards WHERE id = '${id}' FOR UPDATE`,
    );
    await finish(client, id);
  },
  "four prepared, one write": async (client, id) => {
    await together(client, () => [
      q(client, "BEGIN"),
      q(client, "SELECT pg_advisory_xact_lock_shared($1)", [GATE]),
      q(client, "SELECT EXISTS (SELECT 1 FROM bench_hooks) AS hooks"),
      q(client, "SELECT doc, seq, version::text AS version FROM bench_boards WHERE id = $1 FOR UPDATE", [id]),
    ]);
    await finish(client, id);
  },
};

const db = await createTempDatabase();
const clients: Client[] = [];
try {
  const setup = new pg.Client({ connectionString: db.url });
  await setup.connect();
  await setup.query(
    "CREATE TABLE bench_boards (id text PRIMARY KEY, doc jsonb NOT NULL, seq bigint NOT NULL, version bigint NOT NULL)",
  );
  await setup.query("CREATE TABLE bench_hooks (id text PRIMARY KEY)");
  const ids = Array.from({ length: CONNECTIONS }, (_, i) => i.toString(16).padStart(24, "0"));
  for (const id of ids)
    await setup.query(`INSERT INTO bench_boards VALUES ($1, '{"name":"Bench"}', 0, 0)`, [id]);
  await setup.end();
  const backends: number[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const client = new pg.Client({ connectionString: db.url, pipeline: true } as pg.ClientConfig) as Client;
    await client.connect();
    backends.push((await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid);
    clients.push(client);
  }
  const results = new Map<string, Array<{ rate: number; cpuUs: number }>>();
  const run = async (way: string, ms: number) => {
    const send = ways[way]!;
    const before = cpuByPid(backends);
    const started = performance.now();
    const end = started + ms;
    let done = 0;
    await Promise.all(
      clients.map(async (client, i) => {
        while (performance.now() < end) {
          await send(client, ids[i]!);
          done += 1;
        }
      }),
    );
    const elapsed = performance.now() - started;
    return { rate: (done / elapsed) * 1000, cpuUs: (cpuSpent(before, cpuByPid(backends)) / done) * 1000 };
  };
  for (const way of Object.keys(ways)) await run(way, 1000); // warm: statements prepared, plans cached
  for (let round = 0; round < ROUNDS; round++)
    for (const way of Object.keys(ways)) {
      const result = await run(way, SECONDS * 1000);
      results.set(way, [...(results.get(way) ?? []), result]);
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `\n${CONNECTIONS} pipelined connections, ${ROUNDS} interleaved rounds of ${SECONDS} s, medians\n`,
  );
  console.log("| opening statements | transactions/s | PostgreSQL CPU per transaction (µs) |");
  console.log("| --- | ---: | ---: |");
  for (const [way, runs] of results)
    console.log(
      `| ${way} | ${median(runs.map((r) => r.rate)).toFixed(0)} | ${median(runs.map((r) => r.cpuUs)).toFixed(0)} |`,
    );
} finally {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await db.drop();
}
