// The real-time layer of one process, assembled: after every commit a change is appended to the
// recent-change list, delivered to this process's sockets and published to the others; sockets,
// polling and catch-up read from the list or the durable log. With REDIS_URL the list and the bus
// live in Redis; without, in this process (the embedded default has only one).
import type { BoardChange } from "@tack/shared/changes";
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.ts";
import { settleHook } from "../http/settle-hook.ts";
import type { Api } from "../routes/api.ts";
import type { BoardWrites, SharedBoardCopies } from "../store/store.ts";
import { BoardHeads } from "./board-heads.ts";
import { CatchUpReader } from "./catch-up.ts";
import type { BusMessage, ChangeBus } from "./change-bus.ts";
import type { ChangeList } from "./change-list.ts";
import { changesRoutes } from "./changes-route.ts";
import { Hub } from "./hub.ts";
import { MemoryChangeBus } from "./memory-change-bus.ts";
import { MemoryChangeList } from "./memory-change-list.ts";
import type { WriteDispatcher } from "./mutation-tunnel.ts";
import { PerTurn } from "./per-turn.ts";
import { busEnvelope, RedisChangeBus } from "./redis-change-bus.ts";
import { RedisChangeList } from "./redis-change-list.ts";
import { connectRedis, type RedisClients } from "./redis-clients.ts";
import { redisKeys } from "./redis-keys.ts";
import { SocketServer } from "./socket-server.ts";

/** Heartbeat period: ping every socket, cut those that missed the last ping, re-check every feed. */
export const HEARTBEAT_MS = 30_000;
/** While pub/sub is down, each feed reads the durable log this often instead (degraded mode). */
const DEGRADED_RESYNC_MS = 1_000;
/** How long closing waits for sockets to say goodbye. */
const CLOSE_WAIT_MS = 2_000;

export interface Realtime {
  readonly sockets: SocketServer;
  readonly hub: Hub;
  /** Registers the polling route on the API. */
  routes(api: Api): void;
  /** Socket writes run through these routes from now on (refused as retryable before). */
  dispatchWritesTo(api: Api): void;
  /** The recent-change list's current epoch (for board snapshots). */
  epoch(): Promise<string>;
  close(): Promise<void>;
}

export async function startRealtime(ctx: AppContext, http: FastifyInstance): Promise<Realtime> {
  const { config, log } = ctx;
  const warn = throttledWarning(ctx);
  const onError = (error: unknown, what: string) => log.error({ err: error }, `realtime: ${what} failed`);
  const redis: RedisClients | null = config.redisUrl
    ? await connectRedis(config.redisUrl, config.instanceId, (error) => warn("redis", error))
    : null;
  const keys = redisKeys(config.redisPrefix);
  const redisList = redis ? new RedisChangeList(redis.command, keys) : null;
  const list: ChangeList = redisList ?? new MemoryChangeList();
  const catchUp = new CatchUpReader(ctx.store, list, (error) => warn("recent-change list", error));
  // PostgreSQL without Redis may mean several processes that cannot hear each other's changes.
  const heads = new BoardHeads(() => (redis ? bus.healthy() : !config.databaseUrl));
  const { metrics } = ctx;
  const hub = new Hub({
    store: ctx.store,
    catchUp,
    onError,
    onDelivered: (change, recipients) => {
      if (recipients === 0) return;
      metrics.pushes.inc(recipients);
      metrics.fanoutLag.observe(Math.max(0, Date.now() - Date.parse(change.action.date)) / 1000);
    },
  });
  let api: Api | null = null;
  const writes: WriteDispatcher = {
    dispatch: (write) => {
      if (!api) throw new TackError(ErrorCode.unavailable, "The server is starting: send it again");
      return api.dispatch(write);
    },
  };
  const sockets = new SocketServer(ctx, http, {
    hub,
    catchUp,
    writes,
    draining: () => ctx.lifecycle.draining,
    instanceId: config.instanceId,
    onError,
  });
  const bus: ChangeBus = redis
    ? new RedisChangeBus({
        publisher: redis.command,
        subscriber: redis.subscriber,
        keys,
        instanceId: config.instanceId,
        events: {
          message: (message) => receive(message),
          resync: () => {
            heads.clear();
            hub.resync();
          },
          wantsWrites: (board, from) => ctx.store.sharedCopies?.wants(board, from) === true,
          // A change of a board no socket here watches only moves its head on, for polls.
          changeHeads: {
            wanted: (board) => hub.watches(board),
            heard: ({ epoch, board, seq }) => {
              catchUp.noteEpoch(epoch);
              heads.learned(board, epoch, seq);
            },
          },
        },
        onBadMessage: (error) => warn("bus", error),
      })
    : new MemoryChangeBus();

  // Operations: sockets counted at each scrape, closed in batches on shutdown; Redis reported by
  // /readyz. Redis is not critical: without it the bus degrades to polling the durable log
  // (DEGRADED_RESYNC_MS), so a worker that lost Redis still serves and stays in rotation.
  metrics.countSocketsWith(() => sockets.size);
  ctx.lifecycle.onDrain("websockets", (deadline) =>
    sockets.drain(deadline, { size: config.drainBatchSize, intervalMs: config.drainBatchIntervalMs }),
  );
  if (redis)
    ctx.lifecycle.addReadinessCheck("redis", async () => void (await redis.command.ping()), {
      critical: false,
    });
  const timed = async <T>(op: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      if (redis) metrics.redisDuration.observe({ op }, (performance.now() - started) / 1000);
    }
  };

  function receive(message: BusMessage): void {
    if (message.kind === "change") {
      catchUp.noteEpoch(message.epoch);
      heads.heard(message.epoch, message.change);
      hub.receive(message.epoch, message.change);
    } else if (message.kind === "access") hub.recheck(message.boards);
    else if (message.kind === "writes") ctx.store.sharedCopies?.heard(message.writes);
    else ctx.sessions.ended(message.ended, "remote");
  }
  /**
   * After every commit of this process, its changes are delivered here, recorded in the list and
   * announced to the other processes, and (with Redis) what its board transactions wrote is sent
   * to them first, for their copies of the boards (decision 0050; lost messages only cost a copy).
   * All that one event-loop turn committed goes in one script call (decision 0052).
   */
  const committedThisTurn = new PerTurn<Committed>((batch) => {
    announce(batch).catch((error: unknown) => onError(error, "announcing committed changes"));
  });
  async function announce(batch: Committed[]): Promise<void> {
    const changes = batch.flatMap((item) => (item.kind === "changes" ? item.changes : []));
    const writes = batch.flatMap((item) => (item.kind === "writes" ? [item.message] : []));
    // The list's round trip starts first, so the other processes hear as early as they did; this
    // process's sockets, which are most of the board's (decision 0062), hear of the changes now,
    // not after that round trip, with the epoch the list answered last. Should the list have been
    // reset meanwhile, their cursors name the old epoch, and a catch-up from one reads the durable
    // log instead (catch-up.ts), so nothing is missed.
    const recorded = record(changes, writes);
    const localEpoch = catchUp.lastEpoch();
    if (localEpoch !== "")
      for (const change of changes) receive({ kind: "change", epoch: localEpoch, change });
    const { epoch, announced } = await recorded;
    for (const change of changes) {
      if (localEpoch === "") receive({ kind: "change", epoch, change });
      else if (epoch !== localEpoch) {
        catchUp.noteEpoch(epoch);
        heads.heard(epoch, change);
      }
      if (!announced)
        await timed("publish", () => bus.publish({ kind: "change", epoch, change })).catch((error: unknown) =>
          warn("bus", error),
        );
    }
  }
  /**
   * Appends the changes to the recent-change list; with Redis the same script publishes them and
   * the writes (`announced`). Answers the list's epoch, or the last known one when it failed.
   */
  async function record(
    changes: readonly BoardChange[],
    writes: readonly string[],
  ): Promise<{ epoch: string; announced: boolean }> {
    try {
      if (redisList) {
        const epoch = await timed("append", () =>
          redisList.appendAndPublish(changes, config.instanceId, writes),
        );
        return { epoch, announced: true };
      }
      let epoch = "";
      for (const change of changes) epoch = await list.append(change);
      return { epoch, announced: false };
    } catch (error) {
      warn("recent-change list", error);
      return { epoch: await catchUp.epoch(), announced: false };
    }
  }
  const stopSharing = redis && ctx.store.sharedCopies ? shareCopies(ctx.store.sharedCopies) : () => undefined;
  /** This process's commits go out on the bus for the others' copies, and theirs come in (receive). */
  function shareCopies(copies: SharedBoardCopies): () => void {
    const stopTelling = copies.onCommitted((writes) => {
      if (sizeOf(writes) <= SHARED_WRITES_MAX_CHARS)
        committedThisTurn.add({
          kind: "writes",
          message: busEnvelope(config.instanceId, { kind: "writes", writes }),
        });
    });
    const stopHearing = copies.hearOthers();
    return () => {
      stopTelling();
      stopHearing();
    };
  }
  const stopAccess = ctx.commits.listenAccess((boards) => {
    hub.recheck(boards);
    void timed("publish", () => bus.publish({ kind: "access", boards: [...boards] })).catch(
      (error: unknown) => warn("bus", error),
    );
  });

  const stopCommits = ctx.commits.listen((changes) => committedThisTurn.add({ kind: "changes", changes }));
  // Other processes hear of ended credentials from auth/revocation-relay.ts, which also waits for
  // them to confirm; this only closes the sockets here.
  const stopSessions = ctx.sessions.listen((ended) => {
    sockets.ended(ended);
  });
  // A board snapshot names the epoch beside its seq (routes/boards.ts sets x-tack-seq).
  http.addHook("onSend", (request, reply, payload, done) => {
    if (
      request.method !== "GET" ||
      request.routeOptions.url !== "/1/boards/:id" ||
      reply.statusCode !== 200
    ) {
      done(null, payload);
      return;
    }
    const named = catchUp.epoch().then((epoch) => {
      void reply.header("x-tack-epoch", epoch);
      return payload;
    });
    settleHook(request, named, done, "answering a board read");
  });
  const heartbeat = setInterval(() => {
    sockets.sweep();
    hub.resync();
  }, HEARTBEAT_MS).unref();
  const degraded = setInterval(() => {
    if (!bus.healthy()) hub.resync();
  }, DEGRADED_RESYNC_MS).unref();

  return {
    sockets,
    hub,
    routes: (routes) => changesRoutes(routes, catchUp, heads),
    dispatchWritesTo: (routes) => {
      api = routes;
    },
    epoch: () => catchUp.epoch(),
    async close() {
      clearInterval(heartbeat);
      clearInterval(degraded);
      stopCommits();
      stopSharing();
      stopSessions();
      stopAccess();
      sockets.close();
      const deadline = Date.now() + CLOSE_WAIT_MS;
      while (sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      sockets.terminateAll();
      hub.close();
      await bus.close();
      await list.close();
      await redis?.close();
    },
  };
}

/** What a commit leaves for the other processes: its changes, and its writes as a bus message. */
type Committed = { kind: "changes"; changes: readonly BoardChange[] } | { kind: "writes"; message: string };

/** Logs a failing dependency at most once per 10 s per kind, so an outage does not flood the log. */
function throttledWarning(ctx: AppContext): (what: string, error: unknown) => void {
  const last = new Map<string, number>();
  return (what, error) => {
    const now = Date.now();
    if (now - (last.get(what) ?? 0) < 10_000) return;
    last.set(what, now);
    ctx.log.warn({ err: error }, `realtime: ${what} unavailable; falling back to the durable store`);
  };
}

/**
 * Past this, a transaction's writes are not sent to the other processes (an import, a copied
 * board): every process would parse all of it, and a copy it cannot carry is only read again.
 */
const SHARED_WRITES_MAX_CHARS = 256_000;

function sizeOf(writes: BoardWrites): number {
  let chars = writes.boardText.length;
  for (const write of writes.writes) chars += write.op === "put" ? write.text.length : write.id.length;
  return chars;
}
