// The supervisor's published state, `<run dir>/cluster.json`: which worker runs where with which
// pid, and where HAProxy's runtime API is. The rolling restart and operators read it.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface WorkerState {
  /** HAProxy server name, `w1` … `wN`. */
  name: string;
  port: number;
  /** 0 while the worker is being (re)started. */
  pid: number;
  startedAt: string;
  restarts: number;
}

export interface ClusterState {
  supervisorPid: number;
  workers: WorkerState[];
  /** `socket`: the runtime API; `masterSocket`: the master CLI (`show proc`, reloads). */
  haproxy: { pid: number; socket: string; masterSocket: string; configFile: string } | null;
}

export const stateFile = (runDir: string) => join(runDir, "cluster.json");

export function writeClusterState(runDir: string, state: ClusterState): void {
  // Write-then-rename: a reader never sees half a file.
  const file = stateFile(runDir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function readClusterState(runDir: string): ClusterState {
  const file = stateFile(runDir);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ClusterState;
  } catch (error) {
    throw new Error(
      `Cannot read ${file} (${(error as Error).message}): is the cluster running (npm run start:cluster) with this TACK_RUN_DIR?`,
    );
  }
}
