// HAProxy's runtime API over its admin socket: how the rolling restart drains a worker and
// watches it empty, and the master CLI how the supervisor sees a reload done. One command per
// connection (HAProxy's non-interactive mode).
import { connect } from "node:net";
import { HTTP_BACKEND, SOCKET_BACKEND } from "./haproxy-config.ts";

export async function runtimeCommand(
  socketPath: string,
  command: string,
  timeoutMs = 5_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let answer = "";
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`HAProxy did not answer "${command}"`)));
    // Half-close after the command: the runtime API answers either way, but the master CLI
    // (`haproxy -S`) keeps the connection open for more commands until the client's side ends.
    socket.on("connect", () => socket.end(`${command}\n`));
    socket.on("data", (chunk) => {
      answer += chunk.toString();
    });
    socket.on("end", () => resolve(answer));
    socket.on("error", (error) =>
      reject(new Error(`HAProxy runtime API at ${socketPath}: ${error.message} (is HAProxy running?)`)),
    );
  });
}

export type ServerState = "ready" | "drain" | "maint";

/** Sets a worker's admin state in both backends (HTTP and WebSocket). */
export async function setWorkerState(socketPath: string, server: string, state: ServerState): Promise<void> {
  for (const backend of [HTTP_BACKEND, SOCKET_BACKEND]) {
    const answer = (
      await runtimeCommand(socketPath, `set server ${backend}/${server} state ${state}`)
    ).trim();
    if (answer !== "")
      throw new Error(`HAProxy refused "set server ${backend}/${server} state ${state}": ${answer}`);
  }
}

export interface ServerStat {
  backend: string;
  server: string;
  /** `UP`, `DOWN`, `DRAIN`, `MAINT`, `UP 1/2` (going up), `NOLB`, … */
  status: string;
  /** Connections open to this server now. */
  current: number;
  /** Requests or connections queued for it. */
  queued: number;
}

/** Per-server lines of `show stat` (the CSV export). */
export async function serverStats(socketPath: string): Promise<ServerStat[]> {
  const csv = await runtimeCommand(socketPath, "show stat");
  const [header, ...rows] = csv.trim().split("\n");
  if (!header?.startsWith("# ")) throw new Error(`unexpected "show stat" answer: ${csv.slice(0, 200)}`);
  const columns = header.slice(2).split(",");
  const at = (name: string) => columns.indexOf(name);
  const [px, sv, status, scur, qcur] = ["pxname", "svname", "status", "scur", "qcur"].map(at) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return rows
    .map((row) => row.split(","))
    .filter((cells) => cells[sv] !== "FRONTEND" && cells[sv] !== "BACKEND")
    .map((cells) => ({
      backend: cells[px] ?? "",
      server: cells[sv] ?? "",
      status: cells[status] ?? "",
      current: Number(cells[scur] ?? 0),
      queued: Number(cells[qcur] ?? 0),
    }));
}

/** The worker's lines in both backends. */
export async function workerStats(socketPath: string, server: string): Promise<ServerStat[]> {
  return (await serverStats(socketPath)).filter((s) => s.server === server);
}

/** Whether HAProxy's health checks have the worker UP in every backend (false when it lists none). */
export async function workerUp(socketPath: string, server: string): Promise<boolean> {
  const stats = await workerStats(socketPath, server);
  return stats.length > 0 && stats.every((s) => s.status === "UP");
}

/** What HAProxy's master process reports about itself and its workers (`show proc`). */
export interface MasterStatus {
  masterPid: number;
  /** Reloads the master carried out since it started, failed ones included. */
  reloads: number;
  /** Reloads whose new configuration HAProxy refused (the previous workers stay in service). */
  failedReloads: number;
  /** Worker processes; `reloads` 0 is the newest one, older ones are finishing their connections. */
  workers: { pid: number; reloads: number }[];
}

/** `show proc` on the master CLI (`haproxy -S`). It is served from the master's event loop, so an
 * answer also proves the master is past its startup and handles SIGUSR2 again. */
export async function masterStatus(masterSocketPath: string): Promise<MasterStatus> {
  const answer = await runtimeCommand(masterSocketPath, "show proc");
  const master = /^(\d+)\s+master\s+(\d+)\s+\[failed: (\d+)\]/m.exec(answer);
  if (!master) throw new Error(`unexpected "show proc" answer: ${answer.slice(0, 200)}`);
  const workers = [...answer.matchAll(/^(\d+)\s+worker\s+(\d+)/gm)].map((m) => ({
    pid: Number(m[1]),
    reloads: Number(m[2]),
  }));
  return {
    masterPid: Number(master[1]),
    reloads: Number(master[2]),
    failedReloads: Number(master[3]),
    workers,
  };
}
