// Closing many long-lived connections without a stampede: a worker that closed 10,000 sockets at
// once would make 10,000 clients reconnect to the other workers in the same instant (Trello's
// 2013 reconnect storms). Closing them in spaced batches spreads the reconnects out.

/** The WebSocket close a draining worker sends: 1001 "going away", and where to go. */
export const RECONNECT_ELSEWHERE = { code: 1001, reason: "reconnect elsewhere" } as const;

export interface BatchOptions {
  /** Connections closed per batch. */
  batchSize: number;
  /** Pause between batches, shortened when the deadline nears so every batch fits before it. */
  intervalMs: number;
  /** Epoch ms by which everything must be closed. */
  deadline: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `close` on every item, `batchSize` at a time, with pauses; returns how many batches ran. */
export async function closeInBatches<T>(
  items: readonly T[],
  close: (item: T) => void,
  options: BatchOptions,
): Promise<number> {
  const size = Math.max(1, options.batchSize);
  let batches = 0;
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) {
      const remainingBatches = Math.ceil((items.length - start) / size);
      const timeLeft = options.deadline - Date.now();
      // Keep a margin so the last batch still closes before the deadline.
      const pause = Math.min(options.intervalMs, Math.max(0, (timeLeft - 250) / remainingBatches));
      if (pause > 0) await sleep(pause);
    }
    for (const item of items.slice(start, start + size)) close(item);
    batches++;
  }
  return batches;
}
