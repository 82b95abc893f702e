// Starts the real Tack server for a browser test: a fresh SQLite file, port 0-style free port, and
// the built web client (built once per run if dist/ is missing or older than the sources).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { startServer, type TestServer } from "../../packages/server/test/harness.ts";

const WEB = resolve(import.meta.dirname, "../../packages/web");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

let built = false;
export function ensureWebBuilt(): void {
  if (built) return;
  const shell = join(WEB, "dist/index.html");
  const stale = !existsSync(shell) || statSync(shell).mtimeMs < newestMtime(join(WEB, "src"));
  if (stale)
    execFileSync("npm", ["run", "build", "-w", "@tack/web"], { cwd: resolve(WEB, "../.."), stdio: "ignore" });
  built = true;
}

export async function startTackForBrowser(): Promise<TestServer> {
  ensureWebBuilt();
  return startServer({}, "sqlite");
}

export type { TestServer };
