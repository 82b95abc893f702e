// Attachment streaming benchmark (issue 6): one large file up and down through a real Tack server
// process on each blob store, with the server's memory watched the whole time. Memory must stay
// flat: the file is never held whole, whatever its size.
// Run: npm run bench -- attachments   (or: node bench/attachments.ts [local|s3] [--mb 1024])
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { startS3Server } from "../packages/server/test/s3-server.ts";
import { Client, startServerProcess } from "./lib.ts";

type Adapter = "local" | "s3";
const args = process.argv.slice(2);
const chosen = args.filter((a): a is Adapter => a === "local" || a === "s3");
const adapters: Adapter[] = chosen.length ? chosen : ["local", "s3"];
const mbArg = args.indexOf("--mb");
const MB = mbArg >= 0 ? Number(args[mbArg + 1]) : 1024;
const BYTES = MB * 1024 * 1024;
const BOUNDARY = "----tack-bench";

/** Resident memory of a process, in MiB, from /proc (Linux). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** Samples a process's RSS every 20 ms until stopped; resolves with the peak seen. */
function watchPeak(pid: number): () => number {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssOf(pid));
  };
}

/** `total` bytes of incompressible data from one 1 MiB random block, produced as read. */
function fileStream(total: number): Readable {
  const block = randomBytes(1024 * 1024);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const n = Math.min(block.length, total - sent);
      sent += n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
}

function uploadFile(url: string, token: string, cardId: string, total: number): Promise<any> {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n` +
      "Content-Type: application/octet-stream\r\n\r\n",
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(`${url}/1/cards/${cardId}/attachments?token=${token}`, {
      method: "POST",
      headers: {
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        "content-length": String(head.length + total + tail.length),
      },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        text += c;
      });
      res.on("end", () =>
        res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode} ${text}`)),
      );
    });
    req.write(head);
    const body = fileStream(total);
    body.on("end", () => req.end(tail));
    body.pipe(req, { end: false });
  });
}

async function downloadFile(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}?token=${token}`);
  if (!res.ok || !res.body) throw new Error(`download: ${res.status}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += (chunk as Uint8Array).length;
  return bytes;
}

interface Row {
  adapter: Adapter;
  upload: number;
  download: number;
  baseline: number;
  upPeak: number;
  downPeak: number;
}

async function run(adapter: Adapter): Promise<Row> {
  const s3 = adapter === "s3" ? await startS3Server() : null;
  const server = await startServerProcess("sqlite", {
    ...s3?.env,
    TACK_ATTACHMENT_MAX_BYTES: String(BYTES + 1024 * 1024),
  });
  try {
    const pid = server.child.pid!;
    const client = await Client.signUp(server.url, "bench");
    const board = await client.call("POST", "/1/boards", { name: "Files", defaultLists: true });
    const lists = await client.call("GET", `/1/boards/${board.id}/lists`);
    const card = await client.call("POST", "/1/cards", { idList: lists[0].id, name: "Big file" });
    // Warm up the upload and download paths (and the S3 client) before measuring.
    const warm = await uploadFile(server.url, client.token, card.id, 4 * 1024 * 1024);
    await downloadFile(warm.url, client.token);
    const baseline = rssOf(pid);

    let stop = watchPeak(pid);
    let started = performance.now();
    const attachment = await uploadFile(server.url, client.token, card.id, BYTES);
    const uploadSeconds = (performance.now() - started) / 1000;
    const upPeak = stop();
    if (attachment.bytes !== BYTES) throw new Error(`stored ${attachment.bytes} of ${BYTES} bytes`);

    stop = watchPeak(pid);
    started = performance.now();
    const received = await downloadFile(attachment.url, client.token);
    const downloadSeconds = (performance.now() - started) / 1000;
    const downPeak = stop();
    if (received !== BYTES) throw new Error(`downloaded ${received} of ${BYTES} bytes`);
    return {
      adapter,
      upload: MB / uploadSeconds,
      download: MB / downloadSeconds,
      baseline,
      upPeak: upPeak - baseline,
      downPeak: downPeak - baseline,
    };
  } finally {
    await server.stop();
    await s3?.stop();
  }
}

const rows: Row[] = [];
for (const adapter of adapters) rows.push(await run(adapter));
const f = (n: number) => n.toFixed(0);
console.log(`\nOne ${MB} MiB file through a Tack server process (RSS of that process, MiB)\n`);
console.log(
  "| blob store | upload MiB/s | download MiB/s | RSS before | peak growth, upload | peak growth, download |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows)
  console.log(
    `| ${r.adapter} | ${f(r.upload)} | ${f(r.download)} | ${f(r.baseline)} | ${f(r.upPeak)} | ${f(r.downPeak)} |`,
  );
