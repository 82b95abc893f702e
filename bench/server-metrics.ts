// Where a benchmark's time went inside the Tack processes: their Prometheus histograms
// (ops/metrics.ts) scraped before and after a phase, and the difference printed as count, mean
// and the bucket that holds the 99th percentile, per series. Used by `speed --metrics`.

export type Samples = Map<string, number>;

/** One worker's metrics as series → value (`name{labels}` keys, as the text format writes them). */
export async function scrapeMetrics(baseUrl: string): Promise<Samples> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const samples: Samples = new Map();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** The phase's share of every histogram: what happened between `before` and `after`. */
export function histogramLines(before: Samples[], after: Samples[], names: readonly string[]): string[] {
  const delta = new Map<string, number>();
  after.forEach((samples, i) => {
    for (const [key, value] of samples)
      delta.set(key, (delta.get(key) ?? 0) + value - (before[i]?.get(key) ?? 0));
  });
  const series = new Map<string, { count: number; sum: number; buckets: Array<[number, number]> }>();
  for (const [key, value] of delta) {
    const match = /^(\w+)_(bucket|sum|count)(?:\{(.*)\})?$/.exec(key);
    if (!match || !names.includes(match[1]!)) continue;
    const labels = (match[3] ?? "").split(",").filter((l) => !l.startsWith("le="));
    const id = `${match[1]}{${labels.join(",")}}`;
    const entry = series.get(id) ?? { count: 0, sum: 0, buckets: [] };
    if (match[2] === "count") entry.count = value;
    else if (match[2] === "sum") entry.sum = value;
    else {
      const le = /le="([^"]+)"/.exec(match[3] ?? "")![1]!;
      entry.buckets.push([le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le), value]);
    }
    series.set(id, entry);
  }
  const lines = ["| series | count | mean ms | p99 at or below ms |", "| --- | ---: | ---: | ---: |"];
  for (const [id, { count, sum, buckets }] of [...series].sort((a, b) => b[1].sum - a[1].sum)) {
    if (count < 1) continue;
    buckets.sort((a, b) => a[0] - b[0]);
    const p99 = buckets.find(([, n]) => n >= count * 0.99)?.[0] ?? Number.POSITIVE_INFINITY;
    lines.push(`| ${id} | ${count} | ${((sum / count) * 1000).toFixed(2)} | ${(p99 * 1000).toFixed(0)} |`);
  }
  return lines;
}

/** The sum of the series of `name` (a counter or a gauge) with all of `labels`, in one scrape. */
export function seriesSum(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  let sum = 0;
  for (const [key, value] of samples)
    if (key.startsWith(`${name}{`) && wanted.every((w) => key.includes(w))) sum += value;
  return sum;
}

/** How much the series of counter `name` with all of `labels` grew between the scrapes, summed. */
export function counterGrowth(
  before: Samples[],
  after: Samples[],
  name: string,
  labels: Record<string, string> = {},
): number {
  return after.reduce(
    (growth, samples, i) =>
      growth + seriesSum(samples, name, labels) - seriesSum(before[i] ?? new Map(), name, labels),
    0,
  );
}
