// Board read benchmark (issue 16's board-read row): the web client's board read of a 1,000-card
// board on PostgreSQL whose history holds 100,000 actions, against the floor measured in the same
// run (the board's rows read in one query through the same pg driver).
//   - "full": the read the web client made before decision 0032-slim-board-read (every card field, checklists,
//     attachments, the last 1,000 comments), without and with the actions (board, type) index;
//   - "fronts": the slim whole-board read (shared/board-read-query.ts; the client's read after lost
//     history), as read again (the process's parsed copy is current) and after a write (every
//     object read and parsed);
//   - "first paint" and "the rest": the two reads a board opens with now (decision
//     0041-first-paint-read): at most 30 cards a list, then every card front;
//   - "floor": `SELECT kind, doc FROM objects WHERE board_id = $1`, parsed by pg.
// Database CPU per read is the utime + stime of the PostgreSQL backends serving the server's
// connections (/proc/<pid>/stat), over the reads, divided by their number.
// Run: npm run bench -- board-read [--reads N] [--actions N] [--cards N]
import http from "node:http";
import { performance } from "node:perf_hooks";
import pg from "pg";
import {
  BOARD_CARD_FRONTS_QUERY,
  BOARD_FIRST_PAINT_QUERY,
  BOARD_FRONTS_QUERY,
} from "../packages/shared/src/board-read-query.ts";
import { cpuByPid, cpuSpent } from "./cpu-meter.ts";
import { ms, numberArg, signUpWithToken, startServerProcess, summarize } from "./lib.ts";
import { benchBoardExport, importBenchBoard } from "./web-perf-board.ts";

const READS = numberArg("reads", 200);
const ACTIONS = numberArg("actions", 100_000);
const CARDS = numberArg("cards", 1000);
const ROUNDS = 3;
/** Every 50th action of the history is a comment; the rest are card updates. */
const COMMENT_EVERY = 50;

/** The web client's read before the slim first read (decision 0032-slim-board-read). */
const FULL_QUERY =
  "lists=open&cards=open&card_fields=id,idBoard,idList,idShort,shortLink,name,desc,closed,pos,start,due,dueComplete,dueReminder,idLabels,idMembers,idAttachmentCover,cover,dateLastActivity,badges&labels=all&members=all&checklists=all&actions=commentCard&actions_limit=1000&memberships=all&attachments=true";

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        let bytes = 0;
        response.on("data", (c: Buffer) => {
          bytes += c.length;
        });
        response.on("end", () =>
          response.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url}: ${response.statusCode}`)),
        );
      })
      .on("error", reject);
  });
}

interface Sample {
  times: number[];
  dbMs: number;
  bytes: number;
}

async function main() {
  const server = await startServerProcess("postgres");
  // One connection kept open (no idle timeout), so the floor's backend is one process throughout.
  const db = new pg.Pool({ connectionString: server.databaseUrl!, max: 1, idleTimeoutMillis: 0 });
  try {
    const { token } = await signUpWithToken(server.url, "bench");
    const { id: boardId } = await importBenchBoard(server.url, token, "bench", benchBoardExport(CARDS));

    // History: ACTIONS more actions on the board, written in one statement (as if made over years).
    const t0 = performance.now();
    await db.query(
      `WITH b AS (SELECT seq FROM boards WHERE id = $1),
            c AS (SELECT array_agg(id) AS ids FROM objects WHERE board_id = $1 AND kind = 'card'),
            m AS (SELECT member_id FROM board_members WHERE board_id = $1 LIMIT 1)
       INSERT INTO actions (id, board_id, seq, type, member_id, card_id, date, data, models, deleted)
       SELECT 'h' || lpad(to_hex(g), 23, '0'), $1, b.seq + g,
              CASE WHEN g % ${COMMENT_EVERY} = 0 THEN 'commentCard' ELSE 'updateCard' END,
              m.member_id, c.ids[1 + g % array_length(c.ids, 1)],
              to_char(timestamp '2024-01-01' + g * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'),
              CASE WHEN g % ${COMMENT_EVERY} = 0
                THEN jsonb_build_object('text', 'A comment from the history, number ' || g,
                       'card', jsonb_build_object('id', c.ids[1 + g % array_length(c.ids, 1)]))
                ELSE jsonb_build_object('old', jsonb_build_object('pos', g),
                       'card', jsonb_build_object('id', c.ids[1 + g % array_length(c.ids, 1)], 'pos', g + 1)) END,
              '{}'::jsonb, '[]'::jsonb
         FROM generate_series(1, $2::int) g, b, c, m`,
      [boardId, ACTIONS],
    );
    await db.query("UPDATE boards SET seq = seq + $2 WHERE id = $1", [boardId, ACTIONS]);
    await db.query("ANALYZE actions");
    await db.query("ANALYZE objects");
    const total = (await db.query("SELECT count(*)::int AS n FROM actions WHERE board_id = $1", [boardId]))
      .rows[0].n as number;
    console.log(
      `board: ${CARDS} cards, ${total} actions (history written in ${(performance.now() - t0).toFixed(0)} ms)`,
    );

    const serverPids = async (): Promise<number[]> =>
      (
        await db.query(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
      ).rows.map((r) => r.pid as number);
    const floorPid = async (): Promise<number[]> => [
      (await db.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number,
    ];

    const read = (query: string) => () => get(`${server.url}/1/boards/${boardId}?${query}&token=${token}`);
    const floor = async () => {
      const result = await db.query("SELECT kind, doc FROM objects WHERE board_id = $1", [boardId]);
      return result.rows.length;
    };

    /** `beforeEach` runs untimed before every read (its database CPU is on another backend). */
    async function measure(
      run: () => Promise<number>,
      pids: () => Promise<number[]>,
      beforeEach?: () => Promise<unknown>,
    ): Promise<Sample> {
      for (let i = 0; i < 10; i++) await run(); // warm-up
      const cpu0 = cpuByPid(await pids());
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < READS; i++) {
        await beforeEach?.();
        const t = performance.now();
        bytes = await run();
        times.push(performance.now() - t);
      }
      return { times, dbMs: cpuSpent(cpu0, cpuByPid(await pids())) / READS, bytes };
    }

    const results = new Map<string, Sample[]>();
    const record = (name: string, sample: Sample) =>
      results.set(name, [...(results.get(name) ?? []), sample]);
    for (let round = 0; round < ROUNDS; round++) {
      await db.query("DROP INDEX IF EXISTS actions_board_type");
      record("full read, no (board, type) index (before)", await measure(read(FULL_QUERY), serverPids));
      await db.query("CREATE INDEX actions_board_type ON actions (board_id, type, seq)");
      record("full read, with the index", await measure(read(FULL_QUERY), serverPids));
      record("fronts read, the whole board", await measure(read(BOARD_FRONTS_QUERY), serverPids));
      record(
        "first paint read (the web client's first read now)",
        await measure(read(BOARD_FIRST_PAINT_QUERY), serverPids),
      );
      record(
        "the rest: every card front, after the first frame",
        await measure(read(BOARD_CARD_FRONTS_QUERY), serverPids),
      );
      // The same read when the board changed since the process last read it: the board row's
      // version moves (decision 0039-board-objects-cache), so every object is read and parsed again.
      record(
        "fronts read, board written before each read (objects not cached)",
        await measure(read(BOARD_FRONTS_QUERY), serverPids, () =>
          db.query("UPDATE boards SET seq = seq WHERE id = $1", [boardId]),
        ),
      );
      record("floor: the board's rows, one query", await measure(floor, floorPid));
    }

    const floorP50 = summarize(
      results.get("floor: the board's rows, one query")!.flatMap((s) => s.times),
    ).p50;
    const floorDb =
      results.get("floor: the board's rows, one query")!.reduce((sum, s) => sum + s.dbMs, 0) / ROUNDS;
    console.log(`\n${ROUNDS} interleaved rounds × ${READS} sequential reads each, PostgreSQL, one client\n`);
    console.log(
      "| read | p50 ms | p99 ms | Tack / floor (p50) | database CPU per read | DB CPU / floor | JSON bytes |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const [name, samples] of results) {
      const stats = summarize(samples.flatMap((s) => s.times));
      const dbMs = samples.reduce((sum, s) => sum + s.dbMs, 0) / samples.length;
      const bytes = samples[0]!.bytes;
      console.log(
        `| ${name} | ${ms(stats.p50)} | ${ms(stats.p99)} | ${(stats.p50 / floorP50).toFixed(1)}× | ${dbMs.toFixed(1)} ms | ${(dbMs / floorDb).toFixed(1)}× | ${name.startsWith("floor") ? "-" : `${(bytes / 1024).toFixed(0)} KB`} |`,
      );
    }
  } finally {
    await db.end();
    await server.stop();
  }
}

await main();
