// The durable store: one interface, two adapters (SQLite for the embedded default, PostgreSQL
// when scaled out), one contract suite (test/store-contract.ts) run against both.
//
// Data layout (docs/decisions/0003-document-per-object.md): every board-scoped object (list,
// card, label, checklist, attachment) is one JSON document with a few indexed columns beside it
// (board, kind, parent); boards carry the board's sequence counter; actions are the activity feed
// and the change log at once, each with its board sequence number, the models it touched and the
// ids it removed.
//
// Writes go through `transact`, which serializes writers per board (the board row is locked), so
// every board has one total order of actions with no gaps, assigned in the same transaction as the
// change. Reads never see uncommitted data.
import type { BoardSnapshot } from "@tack/shared/board-state";
import type { BoardChange, ChangedModels, DeletedRef } from "@tack/shared/changes";
import type {
  Action,
  Attachment,
  Board,
  BoardObjectKind,
  BoardObjectOf,
  BoardRole,
  Card,
  Checklist,
  Label,
  Member,
  Membership,
  Organization,
} from "@tack/shared/models";
import type { BoardAccess } from "@tack/shared/permissions";
import type { NotifyStore, OutboxDraft } from "./notify-store.ts";

export interface MemberRecord {
  member: Member;
  email: string;
  passwordHash: string;
}

/** Where and when a session or token was last used (shown to its owner on the account page). */
export interface CredentialUse {
  at: number;
  address: string;
  userAgent: string;
}

export interface SessionRecord {
  /** SHA-256 of the cookie value: a leaked database does not leak live sessions. */
  idHash: string;
  memberId: string;
  csrfToken: string;
  expiresAt: number;
  createdAt: number;
  lastUsed: CredentialUse;
}

export interface TokenRecord {
  id: string;
  /** SHA-256 of the token. */
  tokenHash: string;
  memberId: string;
  name: string;
  createdAt: string;
  /** Milliseconds since the epoch; null = never expires. */
  expiresAt: number | null;
  /** Null until the token is first used. */
  lastUsed: CredentialUse | null;
}

export interface PasswordResetRecord {
  /** SHA-256 of the reset token. */
  idHash: string;
  memberId: string;
  expiresAt: number;
}

export interface ActionQuery {
  boardId?: string;
  cardId?: string;
  /** Trello action types; empty or absent means all. */
  types?: readonly string[];
  limit: number;
  /** Only actions older than this action id / date (paging, Trello's `before`). */
  beforeSeq?: number;
}

export interface CardView {
  card: Card;
  labels: Label[];
  checklists: Checklist[];
  attachments: Attachment[];
}

export interface BoardAndSeq {
  board: Board;
  seq: number;
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

/** A board's objects, locked for writing: what a command sees and changes inside `transact`. */
export interface BoardTx {
  readonly boardId: string;
  /** The board document as locked at the start of the transaction (reflects `putBoard`). */
  board(): Board;
  putBoard(board: Board): Promise<void>;
  /** An object of this board, or null (also for another board's id). */
  get<K extends BoardObjectKind>(kind: K, id: string): Promise<BoardObjectOf[K] | null>;
  /** Objects of this board by parent (cards of a list, checklists of a card, …). */
  children<K extends BoardObjectKind>(kind: K, parentId: string): Promise<BoardObjectOf[K][]>;
  /** All objects of one kind on this board. */
  all<K extends BoardObjectKind>(kind: K): Promise<BoardObjectOf[K][]>;
  /** How many objects of one kind are open (not archived) on this board, for Trello's limits. */
  countOpen(kind: "card" | "list" | "attachment"): Promise<number>;
  put<K extends BoardObjectKind>(kind: K, doc: BoardObjectOf[K]): Promise<void>;
  /**
   * `put` for many new or changed objects of one kind (distinct ids) in as few round trips as the
   * adapter can: a Trello import writes hundreds at once.
   */
  putAll<K extends BoardObjectKind>(kind: K, docs: readonly BoardObjectOf[K][]): Promise<void>;
  remove(kind: BoardObjectKind, id: string): Promise<void>;
  memberships(): Promise<Membership[]>;
  putMembership(membership: Membership): Promise<void>;
  removeMembership(memberId: string): Promise<void>;
  /**
   * What this member's mutation id already produced, read under the board lock: a concurrent
   * attempt of the same mutation on this board has committed (or failed) by now.
   */
  priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null>;
  /**
   * Creates member records for the people an import brings in who have no account: no password,
   * no e-mail anyone can log in with (docs/security.md, "Imports and placeholder members").
   */
  insertPlaceholders(members: readonly Member[]): Promise<void>;
  /** A placeholder member of this board, or null (also for real accounts and other boards'). */
  placeholder(memberId: string): Promise<Member | null>;
  /** Saves a placeholder of this board (its pending claim, its claimer). */
  putPlaceholder(member: Member): Promise<void>;
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
   * change log: the log keeps a tombstone in the sequence, never the deleted words.
   */
  removeComment(actionId: string): Promise<void>;
  /**
   * Deletes the board and everything on it as the transaction commits, after its last action is
   * recorded (that change still reaches live viewers and the recent-change list; the durable log
   * goes with the board). Nothing may be written after this call.
   */
  removeBoard(): Promise<void>;
  /**
   * Adds an outbox entry, committed with the change or not at all; delivered after commit in board
   * order (outbox/outbox-worker.ts).
   */
  enqueue(draft: OutboxDraft): Promise<void>;
  /** Appends an action with the board's next sequence number; returns the resulting change. */
  record(draft: ActionDraft): Promise<BoardChange>;
  /** `record` for many actions, in order (seqs follow one another), in as few round trips as it can. */
  recordAll(drafts: readonly ActionDraft[]): Promise<BoardChange[]>;
}

export interface TransactOptions {
  /** Create the board in this transaction (it must not exist yet). */
  create?: Board;
}

export interface Store {
  readonly kind: "sqlite" | "postgres";
  close(): Promise<void>;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  /** Notifications, watching and the outbox (store/notify-store.ts). */
  readonly notify: NotifyStore;

  // Accounts
  insertMember(record: MemberRecord): Promise<void>;
  updateMember(member: Member): Promise<void>;
  memberById(id: string): Promise<Member | null>;
  membersByIds(ids: readonly string[]): Promise<Member[]>;
  /** An account by username; placeholders (imported people, who cannot log in) are not accounts. */
  memberByUsername(username: string): Promise<Member | null>;
  /** Placeholders a board admin asked this account to claim and that are still unclaimed. */
  pendingClaimsOf(memberId: string): Promise<Member[]>;
  /** Login lookup by username or e-mail, case-insensitively; never finds a placeholder. */
  credentialsOf(usernameOrEmail: string): Promise<{ member: Member; passwordHash: string } | null>;
  insertSession(session: SessionRecord): Promise<void>;
  sessionByHash(idHash: string): Promise<SessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;
  insertToken(token: TokenRecord): Promise<void>;
  tokenByHash(tokenHash: string): Promise<TokenRecord | null>;
  tokensOf(memberId: string): Promise<TokenRecord[]>;
  deleteToken(memberId: string, tokenId: string): Promise<boolean>;
  sessionsOf(memberId: string): Promise<SessionRecord[]>;
  /** Ends every session of the member except `keepIdHash`; returns the hashes it ended. */
  deleteSessionsOf(memberId: string, keepIdHash: string | null): Promise<string[]>;
  touchSession(idHash: string, use: CredentialUse): Promise<void>;
  touchToken(tokenId: string, use: CredentialUse): Promise<void>;
  passwordHashOf(memberId: string): Promise<string | null>;
  setPasswordHash(memberId: string, passwordHash: string): Promise<void>;
  /** A browser that logged in to this account (its device cookie, hashed). */
  insertLoginDevice(idHash: string, memberId: string, createdAt: number): Promise<void>;
  loginDeviceOwner(idHash: string): Promise<string | null>;
  /** Stores a reset token; any earlier unused reset of the member stops working. */
  insertPasswordReset(reset: PasswordResetRecord): Promise<void>;
  /** Consumes a reset token: returns it and deletes it, so it works once. */
  takePasswordReset(idHash: string): Promise<PasswordResetRecord | null>;

  // Workspaces
  insertOrganization(org: Organization, ownerId: string): Promise<void>;
  organizationById(idOrName: string): Promise<Organization | null>;
  organizationsOf(memberId: string): Promise<Organization[]>;
  addOrganizationMember(orgId: string, memberId: string, role: "admin" | "normal"): Promise<void>;
  organizationMemberIds(orgId: string): Promise<string[]>;

  // Board reads (no lock)
  /** Resolves a board id or short link and the person's access, or null when no such board. */
  boardAccess(
    idOrShortLink: string,
    memberId: string | null,
  ): Promise<{ boardId: string; access: BoardAccess } | null>;
  /** An object (by id, or a card by short link) with its board's access for the person, in one read. */
  objectAccess<K extends BoardObjectKind>(
    kind: K,
    idOrShortLink: string,
    memberId: string | null,
  ): Promise<{ object: BoardObjectOf[K]; boardId: string; access: BoardAccess } | null>;
  boardById(boardId: string): Promise<BoardAndSeq | null>;
  /** Boards a member belongs to, with the membership (role, starred). */
  boardsOf(memberId: string): Promise<Array<{ board: Board; membership: Membership }>>;
  /** Everything on a board but its actions, read in one consistent snapshot. */
  loadBoard(boardId: string): Promise<Omit<BoardSnapshot, "actions"> | null>;
  /** Any board-scoped object by id (or a card by short link), to find its board. */
  objectById<K extends BoardObjectKind>(kind: K, idOrShortLink: string): Promise<BoardObjectOf[K] | null>;
  /** A card with what presenting it needs (its board's labels, its checklists and attachments), in one read. */
  cardView(idOrShortLink: string): Promise<CardView | null>;
  objectsOf<K extends BoardObjectKind>(boardId: string, kind: K): Promise<BoardObjectOf[K][]>;
  childrenOf<K extends BoardObjectKind>(kind: K, parentId: string): Promise<BoardObjectOf[K][]>;
  actions(query: ActionQuery): Promise<Action[]>;
  actionById(id: string): Promise<(Action & { idBoard: string }) | null>;
  /** The durable change log: changes with seq > `afterSeq`, oldest first, at most `limit`. */
  changesSince(boardId: string, afterSeq: number, limit: number): Promise<BoardChange[]>;
  /** The change a client mutation id produced, if it was already applied. */
  changeByMutation(memberId: string, mutationId: string): Promise<BoardChange | null>;
  /** `changeByMutation` with the kind of write that used the id. */
  priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null>;
  /** Open cards whose name or description contains `text`, on the given boards. */
  searchCards(boardIds: readonly string[], text: string, limit: number): Promise<BoardObjectOf["card"][]>;
  /** Boards (of the given ids) whose name contains `text`. */
  searchBoards(boardIds: readonly string[], text: string, limit: number): Promise<Board[]>;

  // Board writes
  /** Runs `fn` with the board locked; returns its result and the changes it recorded, in order. */
  transact<T>(
    boardId: string,
    fn: (tx: BoardTx) => Promise<T>,
    options?: TransactOptions,
  ): Promise<{ result: T; changes: BoardChange[] }>;
  /** Deletes a board and everything on it. */
  deleteBoard(boardId: string): Promise<void>;
}

export type { BoardRole };
