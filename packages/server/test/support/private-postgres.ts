// A PostgreSQL server of the test's own (initdb into a temporary directory, on a free port), so
// an outage test can stop and start it without touching the shared server other tests use.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../harness.ts";

/** The server binaries of Debian's newest installed PostgreSQL (initdb is not on PATH there). */
function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(`${root}/${v}/bin/initdb`))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest)
    throw new Error(
      "PostgreSQL server binaries not found under /usr/lib/postgresql: run scripts/ensure-postgres.sh",
    );
  return `${root}/${newest}/bin`;
}
const PG_BIN = postgresBin();

export interface PrivatePostgres {
  url: string;
  port: number;
  start(): void;
  /** Fast shutdown: open connections are terminated, as in a database restart. */
  stop(): void;
  destroy(): void;
}

function asPostgres(command: string, args: string[]): void {
  // PostgreSQL refuses to run as root; CI runs as root, a developer usually does not.
  const root = process.getuid?.() === 0;
  execFileSync(root ? "runuser" : command, root ? ["-u", "postgres", "--", command, ...args] : args, {
    stdio: "pipe",
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), "tack-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  const port = await freePort();
  asPostgres(`${PG_BIN}/initdb`, ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const pg: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () =>
      asPostgres(`${PG_BIN}/pg_ctl`, ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "start"]),
    stop: () => asPostgres(`${PG_BIN}/pg_ctl`, ["-D", data, "-m", "fast", "-w", "stop"]),
    destroy() {
      try {
        pg.stop();
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}
