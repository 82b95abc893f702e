// Counts the writes a pg connection makes to its socket: the Writable's `_write` and `_writev`,
// which hand bytes to the kernel, so one call is one write however many statements it carries
// (statements sent together share one: decision 0045). Instruments the real socket in place; used
// by test/postgres-one-write.test.ts, the tests of the run before the lock and bench/move-queries.ts.
import pg from "pg";

type SocketWrites = Record<"_write" | "_writev", ((...a: unknown[]) => void) | undefined>;

/** Each instrumented socket's listener: the latest one asked for. */
const listeners = new WeakMap<object, () => void>();

/** Calls `onWrite` on every write of `client`'s socket from now on, instead of any listener before. */
export function onSocketWrites(client: pg.Client, onWrite: () => void): void {
  const socket = client.connection.stream as unknown as SocketWrites;
  const instrumented = listeners.has(socket);
  listeners.set(socket, onWrite);
  if (instrumented) return;
  for (const method of ["_write", "_writev"] as const) {
    const original = socket[method];
    if (original)
      socket[method] = function (this: unknown, ...a: unknown[]) {
        listeners.get(socket)?.();
        return original.apply(this, a);
      };
  }
}

/** Socket writes to PostgreSQL, by every connection of this process, while `fn` runs. */
export async function writesDuring<T>(fn: () => Promise<T>): Promise<{ result: T; writes: number }> {
  let writes = 0;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...params: unknown[]) {
    onSocketWrites(this, () => {
      writes += 1;
    });
    return (original as (...p: unknown[]) => unknown).apply(this, params);
  } as typeof original;
  try {
    return { result: await fn(), writes };
  } finally {
    pg.Client.prototype.query = original;
  }
}
