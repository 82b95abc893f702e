// The HTTP floor of a card move (bench/speed.ts, issue 16): the least any Node.js HTTP service
// can do for one durable move on this machine. node:http with no framework, no authentication, no
// validation, no push: a request `PUT /move/<card>` runs the floor's own transaction (BEGIN;
// UPDATE the card; INSERT the action; COMMIT, with the database floor's statements:
// floor-statements.ts) on a pooled connection and answers a few bytes of JSON. What Tack costs
// beyond it is Tack; what it costs beyond the database floor is the price of answering over HTTP
// from Node at all.
// Run by speed.ts: node bench/http-floor-server.ts <database url>; prints its port when ready.
import http from "node:http";
import pg from "pg";
import { floorActionInsert, floorCardUpdate } from "./floor-statements.ts";

// As many connections as a Tack process opens (6 for reads, 4 for board transactions).
const pool = new pg.Pool({ connectionString: process.argv[2], max: 10 });
let n = 0;

async function move(card: number): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query("BEGIN");
    await c.query(floorCardUpdate(card));
    await c.query(floorActionInsert(`http-${process.pid}-${n++}`, card, null, null));
    await c.query("COMMIT");
  } catch (error) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    c.release();
  }
}

const server = http.createServer((request, response) => {
  const card = Number(/^\/move\/(\d+)$/.exec(request.url ?? "")?.[1]);
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    if (!Number.isInteger(card)) {
      response.writeHead(404).end();
      return;
    }
    // The body is read and parsed as a move's would be; its values are not used.
    try {
      JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    } catch {
      response.writeHead(400).end();
      return;
    }
    move(card).then(
      () => {
        const body = JSON.stringify({ id: card, moved: true });
        response.writeHead(200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        });
        response.end(body);
      },
      () => response.writeHead(500).end(),
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(address.port);
});
process.on("SIGTERM", () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
