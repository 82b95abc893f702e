// What the web client costs on the wire: hashed assets are sent as the build precompressed them
// (brotli or gzip, whichever the browser takes) with a year-long immutable cache, and API JSON is
// compressed when the client asks. Real HTTP to a real server; node:http, which does not
// decompress, so the bytes on the wire are what is checked.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import fastifyCompress from "@fastify/compress";
import Fastify, { type FastifyInstance } from "fastify";
import { installWebApp } from "../src/http/web-app.ts";
import { Person, startServer, type TestServer } from "./harness.ts";

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}

const SCRIPT = `console.log(${JSON.stringify("a bundle ".repeat(400))});`;
const STYLE = "body { color: black; }";
let dist: string;
let web: FastifyInstance;
let webUrl: string;
let server: TestServer;

before(async () => {
  dist = mkdtempSync(join(tmpdir(), "tack-web-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Tack</title>");
  writeFileSync(join(dist, "assets/index-abc123.js"), SCRIPT);
  writeFileSync(join(dist, "assets/index-abc123.js.br"), brotliCompressSync(SCRIPT));
  writeFileSync(join(dist, "assets/index-abc123.js.gz"), gzipSync(SCRIPT));
  writeFileSync(join(dist, "assets/index-abc123.css"), STYLE);
  web = Fastify();
  await web.register(fastifyCompress, { encodings: ["br", "gzip"] });
  await installWebApp(web, dist);
  webUrl = await web.listen({ port: 0, host: "127.0.0.1" });
  server = await startServer({}, "sqlite");
});
after(async () => {
  await web?.close();
  await server?.stop();
  rmSync(dist, { recursive: true, force: true });
});

test("a hashed asset is sent precompressed, brotli first, with a year-long immutable cache", async () => {
  const br = await get(`${webUrl}/assets/index-abc123.js`, { "accept-encoding": "gzip, deflate, br" });
  assert.equal(br.status, 200);
  assert.equal(br.headers["content-encoding"], "br");
  assert.match(String(br.headers["cache-control"]), /max-age=31536000/);
  assert.match(String(br.headers["cache-control"]), /immutable/);
  assert.equal(brotliDecompressSync(br.body).toString(), SCRIPT);
  assert.ok(br.body.length < SCRIPT.length / 10, `${br.body.length} bytes for ${SCRIPT.length}`);

  const gz = await get(`${webUrl}/assets/index-abc123.js`, { "accept-encoding": "gzip" });
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.equal(gunzipSync(gz.body).toString(), SCRIPT);

  const plain = await get(`${webUrl}/assets/index-abc123.js`);
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.equal(plain.body.toString(), SCRIPT);
});

test("assets: a refused encoding is not sent, styles are CSS, a missing asset is a 404 that says why", async () => {
  const gz = await get(`${webUrl}/assets/index-abc123.js`, { "accept-encoding": "br;q=0, gzip" });
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.equal(gunzipSync(gz.body).toString(), SCRIPT);
  assert.match(String(gz.headers.vary), /accept-encoding/i);
  assert.match(String(gz.headers["content-type"]), /^text\/javascript/);
  const css = await get(`${webUrl}/assets/index-abc123.css`);
  assert.equal(css.status, 200);
  assert.match(String(css.headers["content-type"]), /^text\/css/);
  assert.equal(css.body.toString(), STYLE);
  const missing = await get(`${webUrl}/assets/index-old999.js`);
  assert.equal(missing.status, 404);
  const body = JSON.parse(missing.body.toString()) as { error: string; message: string };
  assert.equal(body.error, "not_found");
  assert.match(body.message, /reload/);
  // Not a way out of the assets folder.
  const outside = await get(`${webUrl}/assets/..%2Findex.html`);
  assert.equal(outside.status, 404);
});

test("API JSON is compressed when asked, and plain when not", async () => {
  const ann = await Person.signUp(server, "ann");
  const board = await ann.call("POST", "/1/boards", { name: "Wire", defaultLists: true }, "session");
  assert.equal(board.status, 200);
  const path = `${server.url}/1/boards/${board.body.id}?lists=open&cards=open`;
  const br = await get(path, { cookie: ann.cookie, "accept-encoding": "br" });
  assert.equal(br.status, 200);
  assert.equal(br.headers["content-encoding"], "br");
  assert.equal(JSON.parse(brotliDecompressSync(br.body).toString()).id, board.body.id);
  const plain = await get(path, { cookie: ann.cookie });
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.equal(JSON.parse(plain.body.toString()).id, board.body.id);
});
