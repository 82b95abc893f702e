// A command is declared once: its kind (what a mutation id names), what it does inside the board
// transaction (`run`, returning the documents it wrote, which the route presents without reading
// them back) and what a replayed retry answers (`replay`, from the change the first attempt
// recorded). `execute` is the one entry that runs a command, through `mutate`, with one named-args
// object. Work that must wait for the commit (dropping blobs, outbox entries) is registered with
// `scope.rec.afterCommit`.
import type { BoardChange } from "@tack/shared/changes";
import type { Board } from "@tack/shared/models";
import type { MemberActor } from "../auth/actor.ts";
import type { AppContext } from "../context.ts";
import type { BoardTx, Prefetch } from "../store/store.ts";
import { type Across, mutate, mutateAcross, type Recorder } from "./mutate.ts";

/** What a command may use besides the transaction and its arguments. */
export interface CommandScope {
  readonly ctx: AppContext;
  readonly actor: MemberActor;
  readonly boardId: string;
  /** Records actions and registers after-commit tasks. */
  readonly rec: Recorder;
}

export interface Command<Args, Result> {
  /** The kind of write a mutation id names (a replay of another kind is a 409). */
  readonly kind: string | ((args: Args) => string);
  /** The board this command creates (the transaction then makes it); absent for every other command. */
  readonly creates?: (args: Args) => Board;
  /**
   * Checks that need no board lock: reads outside the board (workspace membership) and input that
   * can never apply to this board. They run before the transaction, so before a replay is looked up.
   */
  check?(args: Args, who: Omit<CommandScope, "rec">): Promise<void> | void;
  /**
   * What `run` will read, declared so the transaction reads it ahead in one round trip, shared on
   * PostgreSQL with the commands grouped with this one (BoardTx `prefetch`). A hint: `run` reads
   * the same without it.
   */
  reads?(args: Args): Prefetch;
  run(tx: BoardTx, args: Args, scope: CommandScope): Promise<Result>;
  /** The first attempt's answer, rebuilt from the change it recorded. */
  replay(change: BoardChange, args: Args): Result;
}

/** Declares a command; the identity function, there so the types of `run` and `replay` are inferred. */
export function defineCommand<Args, Result>(command: Command<Args, Result>): Command<Args, Result> {
  return command;
}

/** Who runs a command where, and under which client mutation id; the command's own args beside. */
export interface ExecuteCall {
  readonly actor: MemberActor;
  readonly boardId: string;
  readonly mutationId?: string | null;
}

/** Runs `command` with `call`'s args through `mutate` (board lock, actions, mutation id, commit feed). */
export async function execute<Args, Result>(
  ctx: AppContext,
  command: Command<Args, Result>,
  call: ExecuteCall & Args,
): Promise<Result> {
  const { actor, boardId, mutationId = null, ...rest } = call;
  // The args are the call minus who/where; `Args` never names actor, boardId or mutationId.
  const args = rest as unknown as Args;
  const kind = typeof command.kind === "function" ? command.kind(args) : command.kind;
  await command.check?.(args, { ctx, actor, boardId });
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind,
      run: (tx, rec) => command.run(tx, args, { ctx, actor, boardId, rec }),
      replay: (change) => command.replay(change, args),
    },
    {
      mutationId,
      ...(command.creates && { create: command.creates(args) }),
      ...(command.reads && { reads: command.reads(args) }),
    },
  );
}

/** What a command moving objects between two boards may use: both boards' recorders. */
export interface CrossBoardScope {
  readonly ctx: AppContext;
  readonly actor: MemberActor;
  readonly boards: Across<string>;
  readonly rec: Across<Recorder>;
}

/**
 * A command that moves objects from one board to another in one transaction holding both boards
 * (a card or a list moved to another board). Declared like a one-board command.
 */
export interface CrossBoardCommand<Args, Result> {
  readonly kind: string;
  /** Checks before the transaction (the caller may write both boards: checked by the route). */
  check?(args: Args, who: Omit<CrossBoardScope, "rec">): Promise<void> | void;
  run(txs: Across<BoardTx>, args: Args, scope: CrossBoardScope): Promise<Result>;
  /** The first attempt's answer, rebuilt from the change it recorded on the board moved to. */
  replay(change: BoardChange, args: Args): Result;
}

export function defineCrossBoardCommand<Args, Result>(
  command: CrossBoardCommand<Args, Result>,
): CrossBoardCommand<Args, Result> {
  return command;
}

export interface ExecuteAcrossCall {
  readonly actor: MemberActor;
  readonly from: string;
  readonly to: string;
  readonly mutationId?: string | null;
}

/** Runs a cross-board command through `mutateAcross` (both boards locked, actions on both). */
export async function executeAcross<Args, Result>(
  ctx: AppContext,
  command: CrossBoardCommand<Args, Result>,
  call: ExecuteAcrossCall & Args,
): Promise<Result> {
  const { actor, from, to, mutationId = null, ...rest } = call;
  const args = rest as unknown as Args;
  const boards = { from, to };
  await command.check?.(args, { ctx, actor, boards });
  return mutateAcross(
    ctx,
    actor,
    boards,
    {
      kind: command.kind,
      run: (txs, rec) => command.run(txs, args, { ctx, actor, boards, rec }),
      replay: (change) => command.replay(change, args),
    },
    { mutationId },
  );
}
