// Where a benchmark's CPU goes, per operation: the Tack processes, PostgreSQL (every backend and
// helper process of the server), Redis and this load generator, read from /proc/<pid>/stat
// (utime + stime) and process.cpuUsage() before and after a run. On a machine whose cores are
// shared by all of them, throughput says little about Tack alone; CPU milliseconds per operation
// say what each part costs, and they hold still when the machine's speed does not (issue 16).
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // CLK_TCK is 100 on Linux

export type CpuPart = "tack" | "postgres" | "redis" | "load";

export type CpuSplit = Record<CpuPart, number>;

/** utime + stime of one process so far, in ms (0 when it has ended). */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
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

interface Snapshot {
  perPid: Map<number, number>;
  load: number;
}

export class CpuMeter {
  private readonly tackPids: readonly number[];

  constructor(tackPids: readonly number[]) {
    this.tackPids = tackPids;
  }

  private snapshot(): { parts: Record<Exclude<CpuPart, "load">, Snapshot["perPid"]>; load: number } {
    const read = (pids: readonly number[]) => new Map(pids.map((pid) => [pid, processCpuMs(pid)]));
    const usage = process.cpuUsage();
    return {
      parts: {
        tack: read(this.tackPids),
        postgres: read(pidsNamed("postgres")),
        redis: read(pidsNamed("redis-server")),
      },
      load: (usage.user + usage.system) / 1000,
    };
  }

  /** Runs `work` and answers its result with the CPU each part spent meanwhile, in ms. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit }> {
    const before = this.snapshot();
    const result = await work();
    const after = this.snapshot();
    // A process that started during the run (a new backend) counts from zero; one that ended
    // during it is lost, which undercounts slightly (none do in these benchmarks).
    const spent = (part: Exclude<CpuPart, "load">) => {
      let total = 0;
      for (const [pid, ms] of after.parts[part]) total += ms - (before.parts[part].get(pid) ?? 0);
      return total;
    };
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
