// Counts the writes a pg connection makes to its socket: the Writable's `_write` and `_writev`,
// which hand bytes to the kernel, so one call is one write however many statements it carries
// (statements sent together share one: decision 0045). Instruments the real socket in place; used
// by test/postgres-one-write.test.ts, the tests of the run before the lock and bench/move-queries.ts.
// `statementsDuring` lists the statements themselves (test/postgres-mutation-priors.test.ts).
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

/** Calls `onQuery` with each statement any connection of this process sends while `fn` runs. */
async function onQueriesDuring<T>(
  onQuery: (client: pg.Client, params: unknown[]) => void,
  fn: () => Promise<T>,
): Promise<T> {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...params: unknown[]) {
    onQuery(this, params);
    return (original as (...p: unknown[]) => unknown).apply(this, params);
  } as typeof original;
  try {
    return await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
}

/** Socket writes to PostgreSQL, by every connection of this process, while `fn` runs. */
export async function writesDuring<T>(fn: () => Promise<T>): Promise<{ result: T; writes: number }> {
  let writes = 0;
  const count = () => {
    writes += 1;
  };
  const result = await onQueriesDuring((client) => onSocketWrites(client, count), fn);
  return { result, writes };
}

/** The text of every statement this process sends while `fn` runs, in order. */
export async function statementsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
  const sent: string[] = [];
  const result = await onQueriesDuring((_client, params) => {
    const first = params[0] as string | { text?: string };
    sent.push(typeof first === "string" ? first : (first?.text ?? ""));
  }, fn);
  return { result, sent };
}
