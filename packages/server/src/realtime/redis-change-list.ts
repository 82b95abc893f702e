// The recent-change lists in Redis, shared by every process: a sorted set per board (score = seq,
// so appends from several processes that arrive out of order still read back in order), trimmed
// to a fixed length, plus one epoch key created with SET NX. Redis runs with allkeys-lru and may
// lose any of it: a missing epoch key gets a new epoch (clients see it change), and a list that
// lost entries cannot prove coverage (change-list.ts), so readers fall back to the durable log.
import type { BoardChange } from "@tack/shared/changes";
import type { Redis } from "ioredis";
import {
  type ChangeList,
  coveredAfter,
  type ListRead,
  newEpoch,
  RECENT_CHANGES_PER_BOARD,
} from "./change-list.ts";
import { parseChange } from "./change-wire.ts";
import type { RedisKeys } from "./redis-keys.ts";

/** An idle board's list expires, so a Redis without eviction does not fill up with old boards. */
const LIST_TTL_SECONDS = 24 * 3600;

/**
 * KEYS: the epoch key, the board's list. ARGV: a candidate epoch, the change's seq, the change as
 * JSON, the list's length, its TTL, the bus channel, the envelope up to its epoch, "1" to clear a
 * damaged list first. The same commands as `append`, then PUBLISH; returns the epoch.
 */
const APPEND_AND_PUBLISH = `
local epoch = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'GET')
if not epoch then epoch = ARGV[1] end
if ARGV[8] == '1' then redis.call('DEL', KEYS[2]) end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[4]) + 1))
redis.call('EXPIRE', KEYS[2], ARGV[5])
redis.call('PUBLISH', ARGV[6], ARGV[7] .. cjson.encode(epoch) .. ',"change":' .. ARGV[3] .. '}')
return epoch
`;

/** The script as a command of the connection (ioredis sends EVALSHA, and the script once if Redis
 * does not have it). */
const SCRIPT_COMMAND = "tackAppendAndPublish";
interface ScriptCommands {
  tackAppendAndPublish(...args: Array<string | number>): Promise<unknown>;
}

type Results = Array<[Error | null, unknown]> | null;

function resultsOf(results: Results): unknown[] {
  if (!results) throw new Error("Redis transaction aborted");
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

export class RedisChangeList implements ChangeList {
  private readonly redis: Redis;
  private readonly keys: RedisKeys;
  private readonly perBoard: number;
  /**
   * Boards whose append failed: their list has a hole the seqs cannot show if nothing follows,
   * so it is deleted before it is used again.
   */
  private readonly damaged = new Set<string>();

  constructor(redis: Redis, keys: RedisKeys, perBoard: number = RECENT_CHANGES_PER_BOARD) {
    this.redis = redis;
    this.keys = keys;
    this.perBoard = perBoard;
    redis.on("ready", () => void this.repair());
    if (!(SCRIPT_COMMAND in redis))
      redis.defineCommand(SCRIPT_COMMAND, { numberOfKeys: 2, lua: APPEND_AND_PUBLISH });
  }

  async append(change: BoardChange): Promise<string> {
    const key = this.keys.recent(change.board);
    const candidate = newEpoch();
    const repairing = this.damaged.has(change.board);
    const multi = this.redis.multi();
    if (repairing) multi.del(key);
    multi
      .set(this.keys.epoch, candidate, "NX", "GET")
      .zadd(key, change.seq, JSON.stringify(change))
      .zremrangebyrank(key, 0, -(this.perBoard + 1))
      .expire(key, LIST_TTL_SECONDS);
    try {
      const values = resultsOf(await multi.exec());
      if (repairing) this.damaged.delete(change.board);
      const previous = values[repairing ? 1 : 0];
      return typeof previous === "string" ? previous : candidate;
    } catch (error) {
      this.damaged.add(change.board);
      throw error;
    }
  }

  /**
   * `append`, and the change published to the other processes on the bus's channel as the
   * instance `instance` (the envelope redis-change-bus.ts reads), in one round trip: a script
   * stamps the epoch the append found into the message, where `append` then `publish` waited for
   * one reply before sending the other. Answers the epoch; a failure leaves the list marked
   * damaged, and the change unannounced, exactly as a failed `append`.
   */
  async appendAndPublish(change: BoardChange, instance: string): Promise<string> {
    const repairing = this.damaged.has(change.board);
    const head = `${JSON.stringify({ instance, kind: "change" }).slice(0, -1)},"epoch":`;
    try {
      const epoch = await (this.redis as unknown as ScriptCommands).tackAppendAndPublish(
        this.keys.epoch,
        this.keys.recent(change.board),
        newEpoch(),
        change.seq,
        JSON.stringify(change),
        this.perBoard,
        LIST_TTL_SECONDS,
        this.keys.changes,
        head,
        repairing ? "1" : "0",
      );
      if (repairing) this.damaged.delete(change.board);
      return String(epoch);
    } catch (error) {
      this.damaged.add(change.board);
      throw error;
    }
  }

  async since(board: string, afterSeq: number): Promise<ListRead> {
    if (this.damaged.has(board)) {
      await this.redis.del(this.keys.recent(board));
      this.damaged.delete(board);
    }
    const candidate = newEpoch();
    const values = resultsOf(
      await this.redis
        .multi()
        .set(this.keys.epoch, candidate, "NX", "GET")
        .zrangebyscore(this.keys.recent(board), afterSeq, "+inf")
        .exec(),
    );
    const epoch = typeof values[0] === "string" ? values[0] : candidate;
    const entries = (values[1] as string[]).map(parseChange);
    return { epoch, changes: coveredAfter(afterSeq, entries) };
  }

  async epoch(): Promise<string> {
    const candidate = newEpoch();
    const previous = await this.redis.set(this.keys.epoch, candidate, "NX", "GET");
    return previous ?? candidate;
  }

  async close(): Promise<void> {}

  private async repair(): Promise<void> {
    for (const board of [...this.damaged]) {
      try {
        await this.redis.del(this.keys.recent(board));
        this.damaged.delete(board);
      } catch {
        return; // still down: the next 'ready' tries again
      }
    }
  }
}
