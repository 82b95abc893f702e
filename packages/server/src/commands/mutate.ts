// The one way a command changes a board: inside a board transaction (serialized per board, seq
// numbers assigned in it), recording Trello actions, and handing the changes to the commit feed
// only after the transaction committed. A client mutation id makes a retry apply once: the retry
// gets the first attempt's answer instead of a second write.
import type { BoardChange, ChangedModels, DeletedRef } from "@tack/shared/changes";
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import type { Board } from "@tack/shared/models";
import type { MemberActor } from "../auth/actor.ts";
import type { AppContext } from "../context.ts";
import type { BoardTx } from "../store/store.ts";

export interface RecordOptions {
  deleted?: DeletedRef[];
  cardId?: string | null;
  /** Use this id for the action (a comment's id is its action's id). */
  id?: string;
}

export interface Recorder {
  readonly memberId: string;
  readonly now: string;
  record(
    type: string,
    data: Record<string, unknown>,
    models: ChangedModels,
    options?: RecordOptions,
  ): Promise<BoardChange>;
}

export interface Mutation<T> {
  run(tx: BoardTx, recorder: Recorder): Promise<T>;
  /** What to answer when the same client mutation id was already applied. */
  replay(change: BoardChange): T;
}

export interface MutateOptions {
  create?: Board;
  mutationId?: string | null;
}

export async function mutate<T>(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  mutation: Mutation<T>,
  options: MutateOptions = {},
): Promise<T> {
  const mutationId = options.mutationId ?? null;
  if (mutationId !== null) {
    const prior = await ctx.store.changeByMutation(actor.memberId, mutationId);
    if (prior) return mutation.replay(prior);
  }
  const now = new Date().toISOString();
  let first = true;
  const transaction = ctx.store.transact(
    boardId,
    async (tx) => {
      const recorder: Recorder = {
        memberId: actor.memberId,
        now,
        record: (type, data, models, recordOptions = {}) => {
          const change = tx.record({
            id: recordOptions.id ?? newId(),
            type,
            memberId: actor.memberId,
            date: now,
            data,
            models,
            deleted: recordOptions.deleted ?? [],
            cardId: recordOptions.cardId ?? null,
            // Only the first action of a mutation carries its id (the index is unique).
            mutationId: first ? mutationId : null,
          });
          first = false;
          return change;
        },
      };
      const value = await mutation.run(tx, recorder);
      await tx.putBoard({ ...tx.board(), dateLastActivity: now });
      return value;
    },
    options.create ? { create: options.create } : {},
  );
  let committed: Awaited<typeof transaction>;
  try {
    committed = await transaction;
  } catch (error) {
    // Another attempt of the same mutation (a retry sent while the first was still committing)
    // won the race: this attempt gets the first one's answer, as a later retry would.
    if (mutationId !== null && error instanceof TackError && error.code === ErrorCode.conflict) {
      const prior = await ctx.store.changeByMutation(actor.memberId, mutationId);
      if (prior) return mutation.replay(prior);
    }
    throw error;
  }
  const { result, changes } = committed;
  ctx.commits.committed(changes);
  return result;
}

/** The board as an action's `data.board` names it. */
export function boardRef(board: Board): { id: string; name: string; shortLink: string } {
  return { id: board.id, name: board.name, shortLink: board.shortLink };
}
