// A process's board reads answered from its parsed copy of the board (hits) and by reading the
// board's rows (misses), from its own /metrics: how tests and benchmarks see the board cache
// (decisions 0039 and 0050) of a process they started.
export async function boardCacheReads(url: string): Promise<{ hits: number; misses: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const count = (result: string) =>
    Number(
      text
        .split("\n")
        .find((l) => l.startsWith("tack_board_cache_reads_total") && l.includes(`result="${result}"`))
        ?.split(" ")
        .pop() ?? Number.NaN,
    );
  return { hits: count("hit"), misses: count("miss") };
}
