// Shared benchmark helpers: start a real Tack server process, a fresh database, latency stats.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, freshPostgresDatabase } from "../packages/server/test/harness.ts";

export type Backend = "sqlite" | "postgres";
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
const ROOT = resolve(import.meta.dirname, "..");

export interface SentResponse {
  status: number;
  body: string;
}

/**
 * One request over kept-alive node:http connections; the body is sent as JSON when given. The
 * load generator shares the cores with what it measures, and global fetch cost it about twice the
 * CPU per request (bench/speed.ts reports the generator's CPU per operation beside the servers').
 */
export function send(
  method: string,
  url: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<SentResponse> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        agent,
        headers:
          payload === undefined
            ? extraHeaders
            : {
                ...extraHeaders,
                "content-type": "application/json",
                "content-length": Buffer.byteLength(payload),
              },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

/** Closes the kept-alive connections, so a benchmark's process can exit. */
export function closeConnections(): void {
  agent.destroy();
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** The PostgreSQL database the process uses (null on SQLite), for benchmarks that measure it. */
  databaseUrl: string | null;
  stop(): Promise<void>;
}

export async function startServerProcess(
  backend: Backend,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "tack-bench-"));
  const pg = backend === "postgres" ? await freshPostgresDatabase() : null;
  // BENCH_NODE_ARGS passes flags to the server process (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, "packages/server/src/main.ts")], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      TACK_PUBLIC_URL: `http://127.0.0.1:${port}`,
      TACK_DATA_DIR: dataDir,
      TACK_TOKEN_RATE_LIMIT: "100000000",
      TACK_AUTH_RATE_LIMIT: "100000",
      // Every bench client connects from 127.0.0.1: the per-address socket cap would bite.
      TACK_SOCKETS_PER_ADDRESS: "1000000",
      LOG_LEVEL: "warn",
      ...(pg && { DATABASE_URL: pg.url }),
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  // Up to a minute: on a machine shared with other work, a cold start can take longer than 10 s.
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    databaseUrl: pg?.url ?? null,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function summarize(samples: number[]): {
  p50: number;
  p99: number;
  p999: number;
  max: number;
  n: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted.at(-1) ?? Number.NaN,
    n: sorted.length,
  };
}

export const ms = (n: number): string => (Number.isNaN(n) ? "-" : n.toFixed(1));

/** A minimal API client with a personal token. */
/** A new account: its session cookie (for a browser) and an API token (for scripted calls). */
export async function signUpWithToken(
  url: string,
  username: string,
  password = "benchmark password",
): Promise<{ cookie: string; token: string }> {
  const json = { "content-type": "application/json" };
  const res = await fetch(`${url}/auth/signup`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ username, email: `${username}@bench.test`, password }),
  });
  if (!res.ok) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const token = await fetch(`${url}/1/members/me/tokens`, {
    method: "POST",
    headers: { ...json, cookie, "x-csrf-token": csrfToken },
    body: "{}",
  });
  return { cookie, token: ((await token.json()) as { token: string }).token };
}

export class Client {
  readonly url: string;
  token = "";
  constructor(url: string) {
    this.url = url;
  }

  static async signUp(url: string, username: string): Promise<Client> {
    const client = new Client(url);
    client.token = (await signUpWithToken(url, username)).token;
    return client;
  }

  /** The API with this client's token, over `send`; rejects on an error status. */
  async call(method: string, path: string, body?: unknown): Promise<any> {
    const sep = path.includes("?") ? "&" : "?";
    const { status, body: text } = await send(method, `${this.url}${path}${sep}token=${this.token}`, body);
    const json = JSON.parse(text);
    if (status >= 400) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
    return json;
  }
}

/** A numeric `--name N` option of this run's command line, or `fallback` when absent. */
export function numberArg(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}
