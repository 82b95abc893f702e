// Real server processes for the scale-out tests: `packages/server/src/main.ts` run as child
// processes, each on its own port, sharing one PostgreSQL database and one Redis, the way an
// operator runs several workers.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, type TestServer } from "../harness.ts";

const MAIN = resolve(import.meta.dirname, "../../src/main.ts");

export interface ServerProcess {
  url: string;
  name: string;
  pid: number;
  /** As much of a TestServer as Person needs (its url). */
  asTestServer(): TestServer;
  stop(): Promise<void>;
}

export interface SharedServices {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
}

export async function startServerProcess(
  name: string,
  services: SharedServices,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `tack-${name}-`));
  const url = `http://127.0.0.1:${port}`;
  // SERVER_NODE_ARGS: flags NODE_OPTIONS refuses (--trace-gc), for a benchmark's experiments.
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      TACK_PUBLIC_URL: url,
      TACK_DATA_DIR: dataDir,
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      TACK_REDIS_PREFIX: services.redisPrefix,
      TACK_INSTANCE_ID: name,
      TACK_TOKEN_RATE_LIMIT: "1000000",
      // Every test client connects from 127.0.0.1: the per-address socket cap would bite.
      TACK_SOCKETS_PER_ADDRESS: "1000000",
      LOG_LEVEL: "error",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Generous: on a 2-core machine shared with other work, loading the sources alone can take a minute.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server ${name} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) {
      // Never leave a half-started server behind (the test would wait on it forever).
      child.kill("SIGKILL");
      throw new Error(`server ${name} did not become ready`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    name,
    pid: child.pid!,
    asTestServer: () => ({ url }) as TestServer,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
