// A private redis-server for tests that flush, kill and restart Redis (never the shared one on
// 6379, which other test runs use). Run as the seed ran it: no persistence, allkeys-lru.
import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "../harness.ts";

export interface TestRedis {
  url: string;
  port: number;
  /** Kills the server at once (SIGKILL: a crash, not a shutdown). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and nothing is answered, as a stalled server. */
  pause(): void;
  /** Lets a paused server go on (SIGCONT): what was sent meanwhile is answered then. */
  resume(): void;
  stop(): Promise<void>;
}

async function answers(port: number): Promise<boolean> {
  const { Redis } = await import("ioredis");
  const probe = new Redis(port, "127.0.0.1", {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on("error", () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--maxmemory",
        "64mb",
        "--maxmemory-policy",
        "allkeys-lru",
      ],
      { stdio: "ignore" },
    );
    for (let i = 0; i < 100; i++) {
      if (await answers(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGKILL");
    });
  };
  const signal = (name: NodeJS.Signals) => () => {
    if (!child || child.exitCode !== null) throw new Error("redis-server is not running");
    child.kill(name);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    pause: signal("SIGSTOP"),
    resume: signal("SIGCONT"),
    stop: kill,
  };
}
