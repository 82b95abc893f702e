// `Store` as the composition of its concerns: each adapter builds one object per concern (sqlite/,
// postgres/) and this class forwards the flat call surface (`ctx.store.memberById(…)`) to them. The
// forwarding is written once for both adapters, and `implements Store` makes the compiler check
// that every method of every concern is here.
import type { BoardObjectKind, Member, Organization } from "@tack/shared/models";
import type { MemberRecord } from "./account-store.ts";
import type { ActionQuery } from "./action-log.ts";
import type { TransactOptions } from "./board-store.ts";
import type { BoardTx } from "./board-tx.ts";
import type { InvitationRecord, InvitationTarget } from "./invitation-store.ts";
import type { OutboxDraft } from "./notify-store.ts";
import type { OrganizationRole } from "./organization-store.ts";
import type { CardTextMatch } from "./search-store.ts";
import type { CredentialUse, PasswordResetRecord, SessionRecord, TokenRecord } from "./session-store.ts";
import type { Store, StoreParts } from "./store.ts";

export abstract class ComposedStore implements Store {
  abstract readonly kind: Store["kind"];
  abstract readonly sharedCopies: Store["sharedCopies"];
  abstract close(): Promise<void>;
  abstract ping(): Promise<void>;
  private readonly parts: StoreParts;

  constructor(parts: StoreParts) {
    this.parts = parts;
  }

  // Notifications, watching and the outbox (notify-store.ts): a concern of its own, reached as
  // `ctx.store.notify.…` rather than flattened, since only notifications/, outbox/ and email/ use it.
  get notify() {
    return this.parts.notify;
  }

  // Webhooks (webhook-store.ts): reached as `ctx.store.webhooks.…`, used only by webhooks/.
  get webhooks() {
    return this.parts.webhooks;
  }

  // Accounts (account-store.ts)
  insertMember(record: MemberRecord) {
    return this.parts.accounts.insertMember(record);
  }
  updateMember(member: Member) {
    return this.parts.accounts.updateMember(member);
  }
  memberById(id: string) {
    return this.parts.accounts.memberById(id);
  }
  membersByIds(ids: readonly string[]) {
    return this.parts.accounts.membersByIds(ids);
  }
  memberByUsername(username: string) {
    return this.parts.accounts.memberByUsername(username);
  }
  credentialsOf(usernameOrEmail: string) {
    return this.parts.accounts.credentialsOf(usernameOrEmail);
  }
  passwordHashOf(memberId: string) {
    return this.parts.accounts.passwordHashOf(memberId);
  }
  emailOf(memberId: string) {
    return this.parts.accounts.emailOf(memberId);
  }
  setPasswordHash(memberId: string, passwordHash: string) {
    return this.parts.accounts.setPasswordHash(memberId, passwordHash);
  }

  // Sessions, tokens, login devices, password resets (session-store.ts)
  insertSession(session: SessionRecord) {
    return this.parts.sessions.insertSession(session);
  }
  sessionByHash(idHash: string) {
    return this.parts.sessions.sessionByHash(idHash);
  }
  deleteSession(idHash: string) {
    return this.parts.sessions.deleteSession(idHash);
  }
  sessionsOf(memberId: string) {
    return this.parts.sessions.sessionsOf(memberId);
  }
  deleteSessionsOf(memberId: string, keepIdHash: string | null) {
    return this.parts.sessions.deleteSessionsOf(memberId, keepIdHash);
  }
  touchSession(idHash: string, use: CredentialUse) {
    return this.parts.sessions.touchSession(idHash, use);
  }
  insertToken(token: TokenRecord) {
    return this.parts.sessions.insertToken(token);
  }
  tokenByHash(tokenHash: string) {
    return this.parts.sessions.tokenByHash(tokenHash);
  }
  tokensOf(memberId: string) {
    return this.parts.sessions.tokensOf(memberId);
  }
  deleteToken(memberId: string, tokenId: string) {
    return this.parts.sessions.deleteToken(memberId, tokenId);
  }
  touchToken(tokenId: string, use: CredentialUse) {
    return this.parts.sessions.touchToken(tokenId, use);
  }
  insertLoginDevice(idHash: string, memberId: string, createdAt: number) {
    return this.parts.sessions.insertLoginDevice(idHash, memberId, createdAt);
  }
  loginDeviceOwner(idHash: string) {
    return this.parts.sessions.loginDeviceOwner(idHash);
  }
  insertPasswordReset(reset: PasswordResetRecord) {
    return this.parts.sessions.insertPasswordReset(reset);
  }
  takePasswordReset(idHash: string) {
    return this.parts.sessions.takePasswordReset(idHash);
  }

  // Workspaces (organization-store.ts)
  insertOrganization(org: Organization, ownerId: string) {
    return this.parts.organizations.insertOrganization(org, ownerId);
  }
  organizationById(idOrName: string) {
    return this.parts.organizations.organizationById(idOrName);
  }
  organizationsOf(memberId: string) {
    return this.parts.organizations.organizationsOf(memberId);
  }
  addOrganizationMember(orgId: string, memberId: string, role: "admin" | "normal") {
    return this.parts.organizations.addOrganizationMember(orgId, memberId, role);
  }
  organizationMemberIds(orgId: string) {
    return this.parts.organizations.organizationMemberIds(orgId);
  }
  organizationMemberships(orgId: string) {
    return this.parts.organizations.organizationMemberships(orgId);
  }
  changeOrganizationRole(orgId: string, memberId: string, role: OrganizationRole | null) {
    return this.parts.organizations.changeOrganizationRole(orgId, memberId, role);
  }
  boardsOfOrganization(orgId: string) {
    return this.parts.organizations.boardsOfOrganization(orgId);
  }

  // Invitations and join links (invitation-store.ts)
  insertInvitation(invitation: InvitationRecord, mail?: OutboxDraft) {
    return this.parts.invitations.insertInvitation(invitation, mail);
  }
  invitationsOf(target: InvitationTarget) {
    return this.parts.invitations.invitationsOf(target);
  }
  invitationByHash(tokenHash: string) {
    return this.parts.invitations.invitationByHash(tokenHash);
  }
  deleteInvitation(target: InvitationTarget, invitationId: string) {
    return this.parts.invitations.deleteInvitation(target, invitationId);
  }
  redeemInvitation(tokenHash: string) {
    return this.parts.invitations.redeemInvitation(tokenHash);
  }

  // Boards: reads and the board transaction (board-store.ts)
  cachedBoardOf(kind: BoardObjectKind, id: string) {
    return this.parts.boards.cachedBoardOf(kind, id);
  }
  boardCacheStats() {
    return this.parts.boards.boardCacheStats();
  }
  boardAccess(idOrShortLink: string, memberId: string | null) {
    return this.parts.boards.boardAccess(idOrShortLink, memberId);
  }
  objectAccess<K extends BoardObjectKind>(kind: K, idOrShortLink: string, memberId: string | null) {
    return this.parts.boards.objectAccess(kind, idOrShortLink, memberId);
  }
  boardById(boardId: string) {
    return this.parts.boards.boardById(boardId);
  }
  boardsOf(memberId: string) {
    return this.parts.boards.boardsOf(memberId);
  }
  loadBoard(boardId: string) {
    return this.parts.boards.loadBoard(boardId);
  }
  objectById<K extends BoardObjectKind>(kind: K, idOrShortLink: string) {
    return this.parts.boards.objectById(kind, idOrShortLink);
  }
  cardView(idOrShortLink: string) {
    return this.parts.boards.cardView(idOrShortLink);
  }
  objectsOf<K extends BoardObjectKind>(boardId: string, kind: K) {
    return this.parts.boards.objectsOf(boardId, kind);
  }
  childrenOf<K extends BoardObjectKind>(kind: K, parentId: string) {
    return this.parts.boards.childrenOf(kind, parentId);
  }
  transact<T>(boardId: string, fn: (tx: BoardTx) => Promise<T>, options?: TransactOptions) {
    return this.parts.boardWrites.transact(boardId, fn, options);
  }
  transactPair<T>(boardIds: readonly [string, string], fn: (txs: readonly [BoardTx, BoardTx]) => Promise<T>) {
    return this.parts.boardWrites.transactPair(boardIds, fn);
  }
  deleteBoard(boardId: string) {
    return this.parts.boardWrites.deleteBoard(boardId);
  }

  // Actions and changes (action-log.ts)
  actions(query: ActionQuery) {
    return this.parts.actions.actions(query);
  }
  actionById(id: string) {
    return this.parts.actions.actionById(id);
  }
  changesSince(boardId: string, afterSeq: number, limit: number) {
    return this.parts.actions.changesSince(boardId, afterSeq, limit);
  }
  changeByMutation(memberId: string, mutationId: string) {
    return this.parts.actions.changeByMutation(memberId, mutationId);
  }
  priorMutation(memberId: string, mutationId: string) {
    return this.parts.actions.priorMutation(memberId, mutationId);
  }
  reactions(actionIds: readonly string[]) {
    return this.parts.actions.reactions(actionIds);
  }

  // Placeholders (placeholder-store.ts)
  pendingClaimsOf(memberId: string) {
    return this.parts.placeholders.pendingClaimsOf(memberId);
  }

  // Search (search-store.ts)
  matchCards(boardIds: readonly string[], match: CardTextMatch, limit: number) {
    return this.parts.search.matchCards(boardIds, match, limit);
  }
}
