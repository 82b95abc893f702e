// Issue 16's profile of one card move: every SQL statement (and Redis command) a single
// `PUT /1/cards/{id}` with idList/pos issues, counted per move, on PostgreSQL with Redis, as in the
// speed benchmark (token auth, no mutation id; `--mutation-id` adds one).
// Run: node bench/move-queries.ts [--moves=20] [--mutation-id]
// Three times: after another worker wrote the board (this process's cached copy stale), once this
// process has read it (its cached copy current, kept so by its own commits), and with 32 people
// moving at once (the outbox's passes then deliver several moves' entries each). Besides statements, it
// counts the socket writes that carried them (statements sent together share one: decision 0045).
import pg from "pg";
import { Person, startServer } from "../packages/server/test/harness.ts";
import { onSocketWrites } from "../packages/server/test/support/pg-socket-writes.ts";
import { startTestRedis } from "../packages/server/test/support/redis-server.ts";
import { createTempDatabase } from "../packages/server/test/support/temp-postgres.ts";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const MOVES = Number(args.get("moves") ?? 20);
const withMutationId = args.has("mutation-id");

const seen = new Map<string, number>();
let counting = false;
/** Writes to PostgreSQL's sockets: statements sent together (decision 0045) share one. */
let writes = 0;
const originalQuery = pg.Client.prototype.query;
// Every statement of the adapter goes through a pg Client (pool queries included).
pg.Client.prototype.query = function (this: pg.Client, ...params: unknown[]) {
  onSocketWrites(this, () => {
    if (counting) writes += 1;
  });
  if (counting) {
    const first = params[0] as string | { text?: string };
    const text = (typeof first === "string" ? first : (first?.text ?? "?")).replace(/\s+/g, " ").trim();
    seen.set(text, (seen.get(text) ?? 0) + 1);
  }
  return (originalQuery as (...p: unknown[]) => unknown).apply(this, params);
} as typeof originalQuery;

const redis = await startTestRedis();
const db = await createTempDatabase();
const server = await startServer(
  { REDIS_URL: redis.url, TACK_REDIS_PREFIX: `mq_${Date.now()}:`, DATABASE_URL: db.url },
  "postgres",
);
try {
  const owner = await Person.signUp(server, "profile");
  const board = (await owner.post("/1/boards", { name: "Profile" })).body;
  const lists: string[] = [];
  for (let i = 0; i < 4; i++)
    lists.push((await owner.post("/1/lists", { idBoard: board.id, name: `List ${i}` })).body.id);
  const cards: string[] = [];
  for (let i = 0; i < 50; i++)
    cards.push((await owner.post("/1/cards", { idList: lists[i % 4], name: `Card ${i}` })).body.id);
  // Warm: the token and access caches fill as in a long-running server.
  await owner.put(`/1/cards/${cards[0]}`, { idList: lists[1], pos: "top" });
  await new Promise((r) => setTimeout(r, 200));
  const positions = ["top", "bottom", 1000, 70_000];
  let n = 0;
  const moveOne = async () => {
    const i = n++;
    const headers: Record<string, string> = withMutationId
      ? { "x-tack-mutation-id": `m-${i}-${Date.now()}` }
      : {};
    const res = await owner.call(
      "PUT",
      `/1/cards/${cards[(i * 7) % cards.length]}`,
      { idList: lists[i % 4], pos: positions[i % positions.length] },
      "token",
      headers,
    );
    if (res.status !== 200) throw new Error(`move failed: ${res.status} ${JSON.stringify(res.body)}`);
  };
  /** `moves` moves by `movers` people at once, each waiting for its answer before the next. */
  const countMoves = async (title: string, moves = MOVES, movers = 1) => {
    seen.clear();
    writes = 0;
    counting = true;
    let left = moves;
    await Promise.all(
      Array.from({ length: movers }, async () => {
        while (left-- > 0) await moveOne();
      }),
    );
    // What the moves queued for after their commit (the outbox's delivery) is theirs too.
    await new Promise((r) => setTimeout(r, 300));
    counting = false;
    let total = 0;
    console.log(
      `\n${title}: statements per move (${moves} moves${movers > 1 ? ` by ${movers} at once` : ""}${withMutationId ? ", with mutation ids" : ""}):`,
    );
    for (const [text, count] of [...seen].sort((a, b) => b[1] - a[1])) {
      total += count;
      console.log(`${(count / moves).toFixed(2).padStart(6)}  ${text.slice(0, 160)}`);
    }
    console.log(`${(total / moves).toFixed(2).padStart(6)}  total statements to PostgreSQL per move`);
    console.log(`${(writes / moves).toFixed(2).padStart(6)}  socket writes to PostgreSQL per move`);
  };
  // As another worker's write would: the board row's version moves, so this process's cached copy
  // of the board (decision 0039) is stale and every move reads ahead with a statement.
  const other = new pg.Client({ connectionString: db.url });
  await other.connect();
  await other.query("UPDATE boards SET doc = doc WHERE id = $1", [board.id]);
  await other.end();
  await countMoves("Another worker wrote the board last");
  // Someone opens the board (the web client's read): the process caches its objects, and its own
  // commits keep that copy current, so a move's read-ahead comes from it.
  await owner.get(`/1/boards/${board.id}?lists=open&cards=open`);
  await countMoves("This process read the board, and wrote it last");
  // A busy board: the outbox holder finds several moves' entries per pass (decision 0046).
  await countMoves("32 people moving cards on this board at once", MOVES * 16, 32);
} finally {
  await server.stop();
  await redis.stop();
  await db.drop();
}
