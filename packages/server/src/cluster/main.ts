// `npm run start:cluster -- --workers 4`: Tack scaled out on one machine. N workers on ports
// BASE_PORT..BASE_PORT+N-1 sharing PostgreSQL (DATABASE_URL) and Redis (REDIS_URL), HAProxy in
// front on :8080 (and :8443 with TLS). SIGTERM/SIGINT stop everything gracefully; SIGHUP reloads
// HAProxy. docs/operations.md walks through it.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { inheritedEnvironment, loadClusterConfig } from "../config.ts";
import { Supervisor } from "./supervisor.ts";

function log(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), process: "supervisor", pid: process.pid, msg, ...fields })}\n`,
  );
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const defaults = loadClusterConfig();
const { values } = parseArgs({
  options: {
    workers: { type: "string" },
    "base-port": { type: "string" },
    "no-haproxy": { type: "boolean", default: false },
    http: { type: "string" },
    https: { type: "string" },
    cert: { type: "string" },
    "run-dir": { type: "string" },
  },
  strict: true,
});

const positiveInt = (raw: string | undefined, fallback: number, name: string): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) fail(`--${name} must be a positive integer, got "${raw}"`);
  return value;
};

const workers = positiveInt(values.workers, defaults.workers, "workers");
const basePort = positiveInt(values["base-port"], defaults.basePort, "base-port");
const pemFile = values.cert ?? defaults.tlsPemFile;
const httpsBind = values.https ?? defaults.httpsBind ?? (pemFile ? ":8443" : undefined);

if (!defaults.databaseUrl || !defaults.redisUrl)
  fail(
    "start:cluster needs DATABASE_URL (PostgreSQL) and REDIS_URL (Redis): every worker must share one database and one bus.\n" +
      "Example: DATABASE_URL=postgres://tack:PASSWORD@127.0.0.1:5432/tack REDIS_URL=redis://127.0.0.1:6379 npm run start:cluster -- --workers 4",
  );
if (httpsBind && !pemFile)
  fail("--https needs --cert FILE.pem (certificate and key): see deploy/make-self-signed-cert.sh");
if (pemFile && !existsSync(pemFile))
  fail(`TLS certificate ${pemFile} does not exist: see deploy/make-self-signed-cert.sh`);

const workerEnv = inheritedEnvironment();
// Drain long enough for HAProxy's health check (2 failed checks) to take a stopping worker out.
workerEnv.TACK_DRAIN_DELAY_MS ??= String(2 * defaults.checkIntervalMs + 500);
// Workers always sit behind a HAProxy (ours, or the system's with --no-haproxy, on this machine):
// they believe X-Forwarded-For from loopback only. A HAProxy elsewhere (a container, another host)
// must be named in TACK_TRUSTED_PROXIES, or every client would look like that proxy's address.
workerEnv.TACK_TRUSTED_PROXIES ??= "loopback";

const supervisor = new Supervisor({
  workers,
  basePort,
  workerHost: defaults.workerHost,
  runDir: values["run-dir"] ?? defaults.runDir,
  workerEnv,
  haproxy:
    values["no-haproxy"] || !defaults.haproxy
      ? null
      : {
          httpBind: values.http ?? defaults.httpBind,
          ...(httpsBind && pemFile
            ? { https: { bind: httpsBind, pemFile, redirectHttp: defaults.redirectHttp } }
            : {}),
          ...(defaults.statsBind ? { statsBind: defaults.statsBind } : {}),
          checkIntervalMs: defaults.checkIntervalMs,
          maxConnections: defaults.maxConnections,
        },
  stopTimeoutMs: 30_000,
  log,
});

supervisor.start();
log("info", "cluster started", {
  workers,
  basePort,
  state: `${values["run-dir"] ?? defaults.runDir}/cluster.json`,
});

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log("info", "stopping cluster", { signal });
  await supervisor.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGHUP", () => supervisor.reloadHaproxy());
