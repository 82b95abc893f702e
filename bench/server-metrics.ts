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

interface HistogramDelta {
  count: number;
  sum: number;
  /** [upper bound in seconds, observations at or below it], ascending. */
  buckets: Array<[number, number]>;
}

/**
 * What each series of the histograms `names` gained between `before` and `after`, all workers
 * summed. Labels in `merged` are left out of a series' id, so its series are summed into one (the
 * workers' `instance_id`, for a total over the workers).
 */
function histogramDeltas(
  before: Samples[],
  after: Samples[],
  names: readonly string[],
  merged: readonly string[] = [],
): Map<string, HistogramDelta> {
  const delta = new Map<string, number>();
  after.forEach((samples, i) => {
    for (const [key, value] of samples)
      delta.set(key, (delta.get(key) ?? 0) + value - (before[i]?.get(key) ?? 0));
  });
  const series = new Map<string, HistogramDelta>();
  for (const [key, value] of delta) {
    const match = /^(\w+)_(bucket|sum|count)(?:\{(.*)\})?$/.exec(key);
    if (!match || !names.includes(match[1]!)) continue;
    const labels = (match[3] ?? "")
      .split(",")
      .filter((l) => !l.startsWith("le=") && !merged.some((name) => l.startsWith(`${name}=`)));
    const id = `${match[1]}{${labels.join(",")}}`;
    const entry = series.get(id) ?? { count: 0, sum: 0, buckets: [] };
    if (match[2] === "count") entry.count += value;
    else if (match[2] === "sum") entry.sum += value;
    else {
      const le = /le="([^"]+)"/.exec(match[3] ?? "")![1]!;
      const bound = le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le);
      const same = entry.buckets.find(([b]) => b === bound);
      if (same) same[1] += value;
      else entry.buckets.push([bound, value]);
    }
    series.set(id, entry);
  }
  for (const entry of series.values()) entry.buckets.sort((a, b) => a[0] - b[0]);
  return series;
}

/** The upper bound (ms) of the bucket that holds the `share` quantile of a histogram's delta. */
const boundMs = ({ count, buckets }: HistogramDelta, share: number): number =>
  (buckets.find(([, n]) => n >= count * share)?.[0] ?? Number.POSITIVE_INFINITY) * 1000;

/** The phase's share of every histogram: what happened between `before` and `after`. */
export function histogramLines(before: Samples[], after: Samples[], names: readonly string[]): string[] {
  const lines = ["| series | count | mean ms | p99 at or below ms |", "| --- | ---: | ---: | ---: |"];
  for (const [id, entry] of [...histogramDeltas(before, after, names)].sort((a, b) => b[1].sum - a[1].sum)) {
    if (entry.count < 1) continue;
    lines.push(
      `| ${id} | ${entry.count} | ${((entry.sum / entry.count) * 1000).toFixed(2)} | ${boundMs(entry, 0.99).toFixed(0)} |`,
    );
  }
  return lines;
}

/**
 * The workers' garbage-collection pauses between the scrapes, by kind ("minor 41 × 6.2 ms, longest
 * ≤ 25 ms; major …"): a pause stops every request and push of its worker, so the longest ones
 * are where a phase's p99 may come from.
 */
export function gcPauses(before: Samples[], after: Samples[]): string {
  const name = "tack_nodejs_gc_duration_seconds";
  const byKind = histogramDeltas(before, after, [name], ["instance_id"]);
  const parts: string[] = [];
  for (const kind of ["minor", "major", "incremental"]) {
    const entry = byKind.get(`${name}{kind="${kind}"}`);
    if (!entry || entry.count < 1) continue;
    parts.push(
      `${kind} ${entry.count} × ${((entry.sum / entry.count) * 1000).toFixed(1)} ms, longest ≤ ${boundMs(entry, 1).toFixed(0)} ms`,
    );
  }
  return parts.length === 0 ? "none" : parts.join("; ");
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
