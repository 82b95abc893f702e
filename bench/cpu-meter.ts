// Where a benchmark's CPU goes, per operation: the Tack processes, PostgreSQL (every backend and
// helper process of the server), Redis and this load generator, read from /proc/<pid>/stat
// (utime + stime) and process.cpuUsage() before and after a run. On a machine whose cores are
// shared by all of them, throughput says little about Tack alone; CPU milliseconds per operation
// say what each part costs, and they hold still when the machine's speed does not (issue 16).
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // CLK_TCK is 100 on Linux

export type CpuPart = "tack" | "postgres" | "redis" | "load";

export type CpuSplit = Record<CpuPart, number>;

/** CPU time so far of each process alive (utime + stime from /proc/<pid>/stat), in ms. */
export function cpuByPid(pids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // the process ended
    }
  }
  return out;
}

/**
 * CPU spent between two samples by the processes alive at the second: one that started between
 * them (a new backend) counts from zero; one that ended is lost, which undercounts slightly.
 */
export function cpuSpent(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** The pids whose command name is `name` (PostgreSQL forks a backend per connection). */
function pidsNamed(name: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === name) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

type ServerPart = Exclude<CpuPart, "load">;

interface Snapshot {
  servers: Record<ServerPart, Map<number, number>>;
  /** This process's own CPU so far, in ms. */
  load: number;
}

export class CpuMeter {
  private readonly tackPids: readonly number[];

  constructor(tackPids: readonly number[]) {
    this.tackPids = tackPids;
  }

  private snapshot(): Snapshot {
    const usage = process.cpuUsage();
    return {
      servers: {
        tack: cpuByPid(this.tackPids),
        postgres: cpuByPid(pidsNamed("postgres")),
        redis: cpuByPid(pidsNamed("redis-server")),
      },
      load: (usage.user + usage.system) / 1000,
    };
  }

  /** Runs `work` and answers its result with the CPU each part spent meanwhile, in ms. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit }> {
    const before = this.snapshot();
    const result = await work();
    const after = this.snapshot();
    const spent = (part: ServerPart) => cpuSpent(before.servers[part], after.servers[part]);
    return {
      result,
      cpu: {
        tack: spent("tack"),
        postgres: spent("postgres"),
        redis: spent("redis"),
        load: after.load - before.load,
      },
    };
  }
}

/** CPU ms per operation, each part divided by the number of operations. */
export function perOperation(cpu: CpuSplit, operations: number): CpuSplit {
  const each = (ms: number) => (operations > 0 ? ms / operations : Number.NaN);
  return { tack: each(cpu.tack), postgres: each(cpu.postgres), redis: each(cpu.redis), load: each(cpu.load) };
}
