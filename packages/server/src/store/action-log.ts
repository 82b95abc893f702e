// Actions are the activity feed and the change log at once: each has its board's sequence number,
// the models it touched and the ids it removed (docs/decisions/0003-document-per-object.md). They are
// appended only inside a board transaction (ActionLogTx), which numbers them without gaps.
import type { BoardChange, ChangedModels, DeletedRef } from "@tack/shared/changes";
import type { Action } from "@tack/shared/models";
import type { Reaction } from "@tack/shared/reactions";

export interface ActionQuery {
  boardId?: string;
  cardId?: string;
  /** Trello action types; empty or absent means all. */
  types?: readonly string[];
  limit: number;
  /** Only actions older than this action id / date (paging, Trello's `before`). */
  beforeSeq?: number;
}

/** What a command asks to record: the action and everything the change carries. */
export interface ActionDraft {
  id: string;
  type: string;
  memberId: string;
  date: string;
  data: Record<string, unknown>;
  models: ChangedModels;
  deleted?: DeletedRef[];
  /** The card the action is about, indexed for a card's activity. */
  cardId?: string | null;
  /** The client mutation id, so a retried mutation is applied once. */
  mutationId?: string | null;
  /** The kind of write the mutation id names (a command's name), so a replay can be matched to it. */
  mutationKind?: string | null;
}

/** What a client mutation id already produced: the kind of write and its first change. */
export interface PriorMutation {
  /** Null for a write recorded without a kind (an import, or a row from before kinds were kept). */
  kind: string | null;
  change: BoardChange;
}

export interface ActionLog {
  actions(query: ActionQuery): Promise<Action[]>;
  actionById(id: string): Promise<(Action & { idBoard: string }) | null>;
  /** The durable change log: changes with seq > `afterSeq`, oldest first, at most `limit`. */
  changesSince(boardId: string, afterSeq: number, limit: number): Promise<BoardChange[]>;
  /** The change a client mutation id produced, if it was already applied. */
  changeByMutation(memberId: string, mutationId: string): Promise<BoardChange | null>;
  /** `changeByMutation` with the kind of write that used the id. */
  priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null>;
  /** The emoji reactions on these comments, oldest first. */
  reactions(actionIds: readonly string[]): Promise<Reaction[]>;
}

/** The action half of a board transaction (board-tx.ts). */
export interface ActionLogTx {
  /** Appends an action with the board's next sequence number; returns the resulting change. */
  record(draft: ActionDraft): Promise<BoardChange>;
  /** `record` for many actions, in order (seqs follow one another), in as few round trips as it can. */
  recordAll(drafts: readonly ActionDraft[]): Promise<BoardChange[]>;
  /**
   * What this member's mutation id already produced, read under the board lock: a concurrent
   * attempt of the same mutation on this board has committed (or failed) by now.
   */
  priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null>;
  /** Makes `toMemberId` the creator of every action `fromMemberId` created on this board. */
  moveActions(fromMemberId: string, toMemberId: string): Promise<number>;
  /** Comments are actions; editing or deleting one changes the action row. */
  comment(actionId: string): Promise<Action | null>;
  /**
   * Sets a comment's text. Earlier edits' rows lose the texts they carried (their `old` text, and
   * their new text becomes this one): an edited-away text leaves every read path.
   */
  putCommentText(actionId: string, text: string): Promise<void>;
  /**
   * Hides a comment from the activity feed and empties its text, and its edits' texts, in the
   * change log: the log keeps a tombstone in the sequence, never the deleted words. Its reactions go.
   */
  removeComment(actionId: string): Promise<void>;
  /** The reactions on one comment of this board, oldest first. */
  reactionsOf(actionId: string): Promise<Reaction[]>;
  /** Stores a reaction (one per comment, member and emoji: the caller checks it is new). */
  putReaction(reaction: Reaction): Promise<void>;
  removeReaction(reactionId: string): Promise<void>;
}
