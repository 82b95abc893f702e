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
 * KEYS: the epoch key, then each change's board list. ARGV: a candidate epoch, the lists' length,
 * their TTL, the bus channel, the envelope of a change up to its epoch, how many messages to
 * publish first (n), those n messages, then three per change: its seq, the change as JSON, "1" to
 * clear a damaged list first. Publishes the n messages, then for each change runs the same
 * commands as `append` and PUBLISHes it; returns the epoch.
 */
const APPEND_AND_PUBLISH = `
local epoch = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'GET')
if not epoch then epoch = ARGV[1] end
local stamped = cjson.encode(epoch)
local first = tonumber(ARGV[6])
for i = 1, first do redis.call('PUBLISH', ARGV[4], ARGV[6 + i]) end
local at = 7 + first
for k = 2, #KEYS do
  if ARGV[at + 2] == '1' then redis.call('DEL', KEYS[k]) end
  redis.call('ZADD', KEYS[k], ARGV[at], ARGV[at + 1])
  redis.call('ZREMRANGEBYRANK', KEYS[k], 0, -(tonumber(ARGV[2]) + 1))
  redis.call('EXPIRE', KEYS[k], ARGV[3])
  redis.call('PUBLISH', ARGV[4], ARGV[5] .. stamped .. ',"change":' .. ARGV[at + 1] .. '}')
  at = at + 3
end
return epoch
`;

/** The script as a command of the connection (ioredis sends EVALSHA, and the script once if Redis
 * does not have it). */
const SCRIPT_COMMAND = "tackAppendAndPublish";
interface ScriptCommands {
  tackAppendAndPublish(keyCount: number, ...keysThenArgs: Array<string | number>): Promise<unknown>;
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
    if (!(SCRIPT_COMMAND in redis)) redis.defineCommand(SCRIPT_COMMAND, { lua: APPEND_AND_PUBLISH });
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
   * `append` for each change, in order, and each published to the other processes on the bus's
   * channel as the instance `instance` (the envelope redis-change-bus.ts reads), after the
   * already-enveloped messages `first`: all in one script, one round trip. The script stamps the
   * epoch its append found into each change's message, where `append` then `publish` waited for
   * one reply before sending the other. Answers the epoch; a failure leaves every board of the
   * batch marked damaged, and the changes unannounced, exactly as failed `append`s.
   */
  async appendAndPublish(
    changes: readonly BoardChange[],
    instance: string,
    first: readonly string[] = [],
  ): Promise<string> {
    const head = `${JSON.stringify({ instance, kind: "change" }).slice(0, -1)},"epoch":`;
    const lists: string[] = [];
    const perChange: Array<string | number> = [];
    // A damaged list is cleared before its board's first change of the batch, never between two.
    const repairing = new Set<string>();
    for (const change of changes) {
      const repair = this.damaged.has(change.board) && !repairing.has(change.board);
      if (repair) repairing.add(change.board);
      lists.push(this.keys.recent(change.board));
      perChange.push(change.seq, JSON.stringify(change), repair ? "1" : "0");
    }
    try {
      const epoch = await (this.redis as unknown as ScriptCommands).tackAppendAndPublish(
        1 + lists.length,
        this.keys.epoch,
        ...lists,
        newEpoch(),
        this.perBoard,
        LIST_TTL_SECONDS,
        this.keys.changes,
        head,
        first.length,
        ...first,
        ...perChange,
      );
      for (const board of repairing) this.damaged.delete(board);
      return String(epoch);
    } catch (error) {
      for (const change of changes) this.damaged.add(change.board);
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
