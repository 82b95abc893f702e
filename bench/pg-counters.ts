// What a benchmark's operations asked PostgreSQL to write: WAL bytes and write transactions, per
// operation. Both are read off positions that move the moment work is done (the WAL insert position,
// the next transaction id), not off the statistics views, which backends report up to seconds late
// (an idle backend's counts wait for its next flush), so a reading right after a run is exact.
// They count the whole server: run nothing else against it meanwhile.
import pg from "pg";

export interface PgWrites {
  /** WAL bytes written since the server started (the insert position, `pg_current_wal_lsn()`). */
  walBytes: bigint;
  /** Transaction ids handed out so far: one per transaction that wrote anything. */
  xids: bigint;
}

/** An LSN such as `16/B374D848` as a byte position. */
function lsnBytes(lsn: string): bigint {
  const [high, low] = lsn.split("/");
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

export class PgWriteCounter {
  private readonly client: pg.Client;

  private constructor(client: pg.Client) {
    this.client = client;
  }

  static async open(url: string): Promise<PgWriteCounter> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new PgWriteCounter(client);
  }

  /** Reads both positions; the reading itself assigns no transaction id (it writes nothing). */
  async read(): Promise<PgWrites> {
    const { rows } = await this.client.query<{ lsn: string; xid: string }>(
      "SELECT pg_current_wal_lsn()::text AS lsn, pg_snapshot_xmax(pg_current_snapshot())::text AS xid",
    );
    return { walBytes: lsnBytes(rows[0]!.lsn), xids: BigInt(rows[0]!.xid) };
  }

  /** Runs `work` and answers its result with what PostgreSQL wrote meanwhile. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; writes: PgWrites }> {
    const before = await this.read();
    const result = await work();
    const after = await this.read();
    return {
      result,
      writes: { walBytes: after.walBytes - before.walBytes, xids: after.xids - before.xids },
    };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** WAL bytes and write transactions per operation. */
export function writesPerOperation(
  writes: PgWrites,
  operations: number,
): { wal: number; transactions: number } {
  if (operations <= 0) return { wal: Number.NaN, transactions: Number.NaN };
  return { wal: Number(writes.walBytes) / operations, transactions: Number(writes.xids) / operations };
}
