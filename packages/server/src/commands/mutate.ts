// The one way a command changes a board: inside a board transaction (serialized per board, seq
// numbers assigned in it), recording Trello actions, and handing the changes to the commit feed
// only after the transaction committed. Work that must wait for the commit (dropping blobs of
// removed attachments) is registered as an after-commit task and runs once the changes are out.
//
// A client mutation id makes a retry apply once, and every attempt gets the first attempt's answer
// (docs/security.md, "Mutation ids and history"). The "already applied?" question is asked under
// the board lock, inside the transaction, so a concurrent attempt of the same mutation (a socket
// write cut off and retried over HTTP) waits for the first and then replays it, instead of running
// the command against state the first attempt already changed. A replay answers only for the same
// kind of write on the same board (or, for a new board, only while the caller may still read it);
// anything else is a 409.
import type { BoardChange, ChangedModels, DeletedRef } from "@tack/shared/changes";
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newIdOnBoard } from "@tack/shared/ids";
import type { Board } from "@tack/shared/models";
import { canReadBoard } from "@tack/shared/permissions";
import type { MemberActor } from "../auth/actor.ts";
import type { AppContext } from "../context.ts";
import { NOTIFY_TOPIC, NOTIFYING_ACTIONS, type NotifyNotice } from "../notifications/notify-topic.ts";
import { whoMayHear } from "../notifications/recipients.ts";
import { mayNarrowAccess } from "../realtime/read-access.ts";
import type { OutboxDraft } from "../store/notify-store.ts";
import type { BoardTx, Prefetch, PriorMutation } from "../store/store.ts";
import { WEBHOOK_TOPIC } from "../webhooks/webhook-topic.ts";

export interface RecordOptions {
  deleted?: DeletedRef[];
  cardId?: string | null;
  /** Use this id for the action (a comment's id is its action's id). */
  id?: string;
  /**
   * What the notifier must know of the moment of the write that the action's data (Trello's
   * shape) does not carry; delivered with the action's notification entry.
   */
  notice?: NotifyNotice;
}

/** Work that may only happen once the transaction committed; its failure is logged, never answered. */
export type AfterCommitTask = () => Promise<void>;

export interface Recorder {
  readonly memberId: string;
  readonly now: string;
  record(
    type: string,
    data: Record<string, unknown>,
    models: ChangedModels,
    options?: RecordOptions,
  ): Promise<BoardChange>;
  /** Runs `task` after the commit (and not at all when the transaction rolls back). */
  afterCommit(task: AfterCommitTask): void;
  /**
   * Writes an outbox entry in this transaction: it is delivered after the commit, at least once,
   * in board order, even if this process dies right after committing (outbox/outbox-worker.ts).
   */
  enqueue(draft: OutboxDraft): Promise<void>;
}

export interface Mutation<T> {
  /**
   * The kind of write (the command's name, e.g. "createCard"). A mutation id names one write of
   * one kind: a replay of another kind is refused with a 409 rather than answered.
   */
  readonly kind: string;
  run(tx: BoardTx, recorder: Recorder): Promise<T>;
  /** What to answer when the same client mutation id was already applied (a change of this kind). */
  replay(change: BoardChange): T;
}

export interface MutateOptions {
  create?: Board;
  mutationId?: string | null;
  /** What the mutation will read, read ahead by the transaction (TransactOptions `reads`). */
  reads?: Prefetch;
}

type Outcome<T> =
  | { replayed: true; value: T }
  | {
      replayed: false;
      value: T;
      tasks: AfterCommitTask[];
      /** Read after the commit: whether it wrote outbox entries (then the outbox worker is woken). */
      queuedOutbox: () => boolean;
    };

export async function mutate<T>(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  mutation: Mutation<T>,
  options: MutateOptions = {},
): Promise<T> {
  const mutationId = options.mutationId ?? null;
  const creating = options.create !== undefined;
  if (mutationId !== null && creating) {
    // A new board has no lock to wait on: a concurrent twin is caught by the unique index below.
    const prior = await ctx.store.priorMutation(actor.memberId, mutationId);
    if (prior) return replayNewBoard(ctx, actor, mutation, prior);
  }
  const now = new Date().toISOString();
  let committed: { result: Outcome<T>; changes: BoardChange[] };
  try {
    committed = await ctx.store.transact(
      boardId,
      async (tx): Promise<Outcome<T>> => {
        if (mutationId !== null && !creating) {
          const prior = await tx.priorMutation(actor.memberId, mutationId);
          if (prior) return { replayed: true, value: replayOnBoard(mutation, prior, boardId) };
        }
        const tasks: AfterCommitTask[] = [];
        const actionIds: string[] = [];
        const recorder = newRecorder(
          tx,
          actor,
          now,
          { tasks, actionIds },
          { mutationId, kind: mutation.kind },
        );
        const value = await mutation.run(tx, recorder);
        await enqueueWebhookFanOut(tx, actionIds);
        await tx.putBoard({ ...tx.board(), dateLastActivity: now });
        return { replayed: false, value, tasks, queuedOutbox: () => tx.queuedOutbox };
      },
      {
        ...(options.create && { create: options.create }),
        ...(options.reads && {
          reads:
            mutationId !== null && !creating
              ? { ...options.reads, mutations: [{ memberId: actor.memberId, mutationId }] }
              : options.reads,
        }),
      },
    );
  } catch (error) {
    // Another attempt of the same mutation id committed first (on another board, or a twin of a
    // new board): answer as a later retry would, or refuse when it was another write.
    if (mutationId !== null && error instanceof TackError && error.code === ErrorCode.conflict) {
      const prior = await ctx.store.priorMutation(actor.memberId, mutationId);
      if (prior)
        return creating
          ? replayNewBoard(ctx, actor, mutation, prior)
          : replayOnBoard(mutation, prior, boardId);
    }
    throw error;
  }
  const { result, changes } = committed;
  if (result.replayed) return result.value;
  ctx.commits.committed(changes, { outbox: result.queuedOutbox() });
  // Processes that cache access (the polling check, card and list updates) drop it before this write
  // answers; no one can have cached access to a board this write created.
  if (!creating && changes.some(mayNarrowAccess)) await ctx.sessions.end({ boardAccess: boardId });
  for (const task of result.tasks) {
    await task().catch((error: unknown) => {
      ctx.log.error({ err: error, kind: mutation.kind }, "an after-commit task of a command failed");
    });
  }
  return result.value;
}

/** Records actions on one board's transaction; the first action carries the mutation id, if any. */
/**
 * Which webhooks hear of a write's actions is decided after commit (webhooks/fan-out.ts); an
 * install without webhooks queues nothing (`onlyWithWebhooks`).
 */
async function enqueueWebhookFanOut(tx: BoardTx, actionIds: string[]): Promise<void> {
  if (actionIds.length === 0) return;
  await tx.enqueue({ topic: WEBHOOK_TOPIC, payload: { actions: actionIds }, onlyWithWebhooks: true });
}

/** What a recorder collects for its transaction: after-commit tasks, action ids. */
interface Collected {
  readonly tasks: AfterCommitTask[];
  readonly actionIds: string[];
}

function newRecorder(
  tx: BoardTx,
  actor: MemberActor,
  now: string,
  { tasks, actionIds }: Collected,
  mutation: { mutationId: string | null; kind: string },
): Recorder {
  let first = true;
  return {
    memberId: actor.memberId,
    now,
    record: async (type, data, models, recordOptions = {}) => {
      const isFirst = first;
      first = false;
      const change = await tx.record({
        id: recordOptions.id ?? newIdOnBoard(tx.boardId),
        type,
        memberId: actor.memberId,
        date: now,
        data,
        models,
        deleted: recordOptions.deleted ?? [],
        cardId: recordOptions.cardId ?? null,
        // Only the first action of a mutation carries its id (the index is unique).
        mutationId: isFirst ? mutation.mutationId : null,
        mutationKind: isFirst ? mutation.kind : null,
      });
      actionIds.push(change.action.id);
      // Who hears of it is decided after commit, from the action as it stands then (and the
      // notice of the moment, when the action's data cannot tell).
      const payload = {
        action: change.action.id,
        ...(recordOptions.notice && { notice: recordOptions.notice }),
      };
      if (NOTIFYING_ACTIONS.has(type)) {
        const card = models.cards?.find((c) => c.id === recordOptions.cardId);
        const mayHear = whoMayHear(type, data, card, actor.memberId);
        if (mayHear.kind !== "no one") {
          const draft: OutboxDraft = {
            topic: NOTIFY_TOPIC,
            payload,
            ...(mayHear.kind === "watchers" && {
              onlyIfWatched: { objectIds: mayHear.of, byOtherThan: actor.memberId },
            }),
          };
          await tx.enqueue(draft);
        }
      }
      return change;
    },
    enqueue: (draft) => tx.enqueue(draft),
    afterCommit: (task) => {
      tasks.push(task);
    },
  };
}

/** Two boards' transactions (and recorders): where objects move from, and where they move to. */
export interface Across<T> {
  readonly from: T;
  readonly to: T;
}

export interface CrossBoardMutation<T> {
  readonly kind: string;
  run(txs: Across<BoardTx>, recorders: Across<Recorder>): Promise<T>;
  /** The answer to a replay, from the first attempt's change on the board moved to. */
  replay(change: BoardChange): T;
}

/**
 * `mutate` for a write that moves objects from one board to another: both boards locked in one
 * transaction (in id order, store/board-store.ts `transactPair`), actions recorded on both, each
 * board's changes published after the commit. The mutation id goes with the first action on the
 * board moved to, so a retry (which now finds the object there) is answered from that board.
 */
export async function mutateAcross<T>(
  ctx: AppContext,
  actor: MemberActor,
  boards: Across<string>,
  mutation: CrossBoardMutation<T>,
  options: { mutationId?: string | null } = {},
): Promise<T> {
  const mutationId = options.mutationId ?? null;
  const now = new Date().toISOString();
  let committed: { result: Outcome<T>; changes: BoardChange[] };
  try {
    committed = await ctx.store.transactPair([boards.from, boards.to], async ([from, to]) => {
      if (mutationId !== null) {
        const prior = await from.priorMutation(actor.memberId, mutationId);
        if (prior) return { replayed: true, value: replayOnBoard(mutation, prior, boards.to) };
      }
      const tasks: AfterCommitTask[] = [];
      const fromActions: string[] = [];
      const toActions: string[] = [];
      const recorders = {
        from: newRecorder(
          from,
          actor,
          now,
          { tasks, actionIds: fromActions },
          { mutationId: null, kind: mutation.kind },
        ),
        to: newRecorder(to, actor, now, { tasks, actionIds: toActions }, { mutationId, kind: mutation.kind }),
      };
      const value = await mutation.run({ from, to }, recorders);
      await enqueueWebhookFanOut(from, fromActions);
      await enqueueWebhookFanOut(to, toActions);
      for (const tx of [from, to]) await tx.putBoard({ ...tx.board(), dateLastActivity: now });
      return { replayed: false, value, tasks, queuedOutbox: () => from.queuedOutbox || to.queuedOutbox };
    });
  } catch (error) {
    if (mutationId !== null && error instanceof TackError && error.code === ErrorCode.conflict) {
      const prior = await ctx.store.priorMutation(actor.memberId, mutationId);
      if (prior) return replayOnBoard(mutation, prior, boards.to);
    }
    throw error;
  }
  const { result, changes } = committed;
  if (result.replayed) return result.value;
  ctx.commits.committed(changes, { outbox: result.queuedOutbox() });
  for (const task of result.tasks) {
    await task().catch((error: unknown) => {
      ctx.log.error({ err: error, kind: mutation.kind }, "an after-commit task of a command failed");
    });
  }
  return result.value;
}

const REUSED = "send a new X-Tack-Mutation-Id for a new write";

/** The prior write's answer, when it was this kind of write on this board (which the caller may write). */
function replayOnBoard<T>(
  mutation: Pick<Mutation<T>, "kind" | "replay">,
  prior: PriorMutation,
  boardId: string,
): T {
  if (prior.kind !== mutation.kind)
    throw new TackError(
      ErrorCode.conflict,
      `This mutation id was already used for a different kind of write: ${REUSED}`,
    );
  if (prior.change.board !== boardId)
    throw new TackError(ErrorCode.conflict, `This mutation id was already used on another board: ${REUSED}`);
  return mutation.replay(prior.change);
}

/** The prior new board, when it was this kind of write and the caller may still read that board. */
async function replayNewBoard<T>(
  ctx: AppContext,
  actor: MemberActor,
  mutation: Mutation<T>,
  prior: PriorMutation,
): Promise<T> {
  if (prior.kind !== mutation.kind)
    throw new TackError(
      ErrorCode.conflict,
      `This mutation id was already used for a different kind of write: ${REUSED}`,
    );
  await assertStillReadable(ctx, actor, prior.change);
  return mutation.replay(prior.change);
}

/**
 * Refuses (409) to answer a replay with a board the caller may no longer read: removed from it
 * since, the first answer is not theirs to see again.
 */
export async function assertStillReadable(
  ctx: AppContext,
  actor: MemberActor,
  change: BoardChange,
): Promise<void> {
  const found = await ctx.store.boardAccess(change.board, actor.memberId);
  if (!found || found.boardId !== change.board || !canReadBoard(found.access))
    throw new TackError(ErrorCode.conflict, `This mutation id was already used: ${REUSED}`);
}

/**
 * For a route that must know before running a command whether its mutation id was already applied
 * (an upload, so that a retry's bytes are not read): the first attempt's change when it was this
 * kind of write on this board, null when the id is new, a 409 when it named another write.
 */
export async function appliedBefore(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  kind: string,
  mutationId: string | null,
): Promise<BoardChange | null> {
  if (mutationId === null) return null;
  const prior = await ctx.store.priorMutation(actor.memberId, mutationId);
  if (!prior) return null;
  return replayOnBoard({ kind, replay: (change) => change }, prior, boardId);
}

/** The board as an action's `data.board` names it. */
export function boardRef(board: Board): { id: string; name: string; shortLink: string } {
  return { id: board.id, name: board.name, shortLink: board.shortLink };
}
