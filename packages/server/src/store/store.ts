// The durable store: one interface per concern, two adapters (SQLite for the embedded default,
// PostgreSQL when scaled out, in sqlite/ and postgres/, one file per concern), one contract suite
// (test/store-contract*.ts, one file per concern) run against both. `Store` is the composition the
// server holds (`ctx.store`); code that needs one concern may take its narrower interface.
//
// Data layout (docs/decisions/0003-document-per-object.md): every board-scoped object (list,
// card, label, checklist, attachment) is one JSON document with a few indexed columns beside it
// (board, kind, parent); boards carry the board's sequence counter; actions are the activity feed
// and the change log at once, each with its board sequence number, the models it touched and the
// ids it removed.
import type { AccountStore } from "./account-store.ts";
import type { ActionLog } from "./action-log.ts";
import type { BoardObjectsCache } from "./board-objects-cache.ts";
import type { BoardReader, BoardStore, BoardWriter } from "./board-store.ts";
import type { InvitationStore } from "./invitation-store.ts";
import type { NotifyStore } from "./notify-store.ts";
import type { OrganizationStore } from "./organization-store.ts";
import type { PlaceholderStore } from "./placeholder-store.ts";
import type { SearchStore } from "./search-store.ts";
import type { SessionStore } from "./session-store.ts";
import type { WebhookStore } from "./webhook-store.ts";

export type { BoardRole } from "@tack/shared/models";
export type { AccountStore, MemberRecord } from "./account-store.ts";
export type { ActionDraft, ActionLog, ActionLogTx, ActionQuery, PriorMutation } from "./action-log.ts";
export type { BoardWrites } from "./board-objects-cache.ts";
export type {
  BoardAndSeq,
  BoardReader,
  BoardStore,
  BoardWriter,
  CardView,
  TransactOptions,
} from "./board-store.ts";
export type { BoardObjectsTx, BoardTx, Prefetch } from "./board-tx.ts";
export type { InvitationRecord, InvitationStore, InvitationTarget } from "./invitation-store.ts";
export type { OutboxDraft } from "./notify-store.ts";
export type {
  OrganizationMembership,
  OrganizationRole,
  OrganizationRoleChange,
  OrganizationStore,
} from "./organization-store.ts";
export type { PlaceholderStore, PlaceholderTx } from "./placeholder-store.ts";
export type { SearchStore } from "./search-store.ts";
export type {
  CredentialUse,
  PasswordResetRecord,
  SessionRecord,
  SessionStore,
  TokenRecord,
} from "./session-store.ts";

/**
 * This process's copy of the boards it reads and writes, as far as other processes' commits can
 * carry it forward (decision 0050): it tells of this process's commits, and hears of the others'.
 */
export type SharedBoardCopies = Pick<BoardObjectsCache, "onCommitted" | "heard" | "hearOthers" | "wants">;

/** Opening, health and closing: what every adapter has besides its concerns. */
export interface StoreLifecycle {
  readonly kind: "sqlite" | "postgres";
  /** Null where no other process writes the same boards (SQLite: one process). */
  readonly sharedCopies: SharedBoardCopies | null;
  close(): Promise<void>;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
}

/** One adapter's implementation of each concern (composed-store.ts puts them behind one `Store`). */
export interface StoreParts {
  accounts: AccountStore;
  sessions: SessionStore;
  organizations: OrganizationStore;
  invitations: InvitationStore;
  boards: BoardReader;
  boardWrites: BoardWriter;
  actions: ActionLog;
  placeholders: PlaceholderStore;
  search: SearchStore;
  notify: NotifyStore;
  webhooks: WebhookStore;
}

export interface Store
  extends StoreLifecycle,
    AccountStore,
    SessionStore,
    OrganizationStore,
    InvitationStore,
    BoardStore,
    ActionLog,
    PlaceholderStore,
    SearchStore {
  /** Notifications, watching, e-mail settings, the outbox and its leases (notify-store.ts). */
  readonly notify: NotifyStore;
  /** Webhooks, their deliveries and the install's secrets (webhook-store.ts). */
  readonly webhooks: WebhookStore;
}
