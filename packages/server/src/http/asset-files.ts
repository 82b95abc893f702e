// The web client's hashed assets (dist/assets: a few hundred KB with their precompressed copies),
// held in memory and answered within the request's own turn of the event loop. A file server that
// stats and streams from disk takes several turns, and a first visit's scripts then wait behind the
// board read the page's shell preloaded (decision 0035), which on SQLite runs in one synchronous
// stretch: the board's first paint waited on its own code.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { ErrorCode } from "@tack/shared/errors";
import type { FastifyInstance } from "fastify";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".json": "application/json; charset=utf-8",
};

/** Hashed names never change content: a year, and no revalidation. */
const IMMUTABLE = "public, max-age=31536000, immutable";

interface AssetFile {
  type: string;
  plain: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
}

type Encoding = "br" | "gzip";

/** The encodings an Accept-Encoding header takes (q=0 refuses one). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

function readAssets(dir: string): Map<string, AssetFile> {
  const files = new Map<string, AssetFile>();
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name));
    } catch {
      return null;
    }
  };
  for (const name of readdirSync(dir)) {
    if (name.endsWith(".br") || name.endsWith(".gz") || !statSync(join(dir, name)).isFile()) continue;
    files.set(name, {
      type: TYPES[extname(name)] ?? "application/octet-stream",
      plain: readFileSync(join(dir, name)),
      br: read(`${name}.br`),
      gzip: read(`${name}.gz`),
    });
  }
  return files;
}

export function installAssets(http: FastifyInstance, dir: string): void {
  const files = readAssets(dir);
  http.get("/assets/*", (request, reply) => {
    const name = (request.params as { "*": string })["*"];
    const file = files.get(name);
    if (!file) {
      return reply.status(404).send({
        error: ErrorCode.notFound,
        message: `No asset ${name}: the page may be from an older build; reload it.`,
      });
    }
    const accepted = acceptedEncodings(request.headers["accept-encoding"]);
    const encoding: Encoding | null =
      file.br && accepted.has("br") ? "br" : file.gzip && accepted.has("gzip") ? "gzip" : null;
    reply.header("cache-control", IMMUTABLE).header("vary", "accept-encoding").type(file.type);
    if (encoding) reply.header("content-encoding", encoding);
    return reply.send(encoding ? file[encoding] : file.plain);
  });
}
