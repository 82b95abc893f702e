// The scale-out store: PostgreSQL through `pg`, shared by every worker on every machine.
// Board writes lock the board row (postgres-transaction.ts), so writers of one board queue up in
// the database whichever worker they run on, and the board's sequence numbers have no gaps.
//
// Two pools, so a board transaction can never starve the reads it makes: a command may read
// through the store (a member's profile, say) while its transaction holds a pooled connection. With
// one pool, enough such transactions at once would hold every connection and wait forever for one
// more. Inside one process, transactions of one board also queue in memory (BoardQueues).
import type { BoardSnapshot } from "@tack/shared/board-state";
import type { BoardChange } from "@tack/shared/changes";
import { ErrorCode, TackError } from "@tack/shared/errors";
import type {
  Action,
  Board,
  BoardObjectKind,
  BoardObjectOf,
  Member,
  Membership,
  Organization,
} from "@tack/shared/models";
import type { BoardAccess } from "@tack/shared/permissions";
import { Pool } from "pg";
import { migratePostgres } from "./postgres-migrate.ts";
import { PostgresNotifyStore } from "./postgres-notify.ts";
import { query } from "./postgres-query.ts";
import {
  BoardQueues,
  ignoreConnectionError,
  isUniqueViolation,
  runBoardTransaction,
} from "./postgres-transaction.ts";
import {
  type ActionRow,
  accessOf,
  likePattern,
  readAction,
  readBoard,
  readChange,
  readObject,
  readPriorMutation,
} from "./rows.ts";
import type {
  ActionQuery,
  BoardAndSeq,
  BoardTx,
  CardView,
  CredentialUse,
  MemberRecord,
  PasswordResetRecord,
  PriorMutation,
  SessionRecord,
  Store,
  TokenRecord,
  TransactOptions,
} from "./store.ts";

export interface PostgresStoreOptions {
  /** Connections for reads and single-statement writes (default 6). */
  readConnections?: number;
  /** Connections for board transactions (default 4). */
  transactionConnections?: number;
}

/** Opens the store and brings the database schema up to date. */
export async function createPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const store = new PostgresStore(url, options);
  try {
    await migratePostgres(store.pool);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}

const ACTION_COLUMNS = "id, board_id, seq, type, member_id, date, data";

export class PostgresStore implements Store {
  readonly kind = "postgres";
  readonly pool: Pool;
  private readonly txPool: Pool;
  private readonly queues = new BoardQueues();
  readonly notify: PostgresNotifyStore;

  constructor(url: string, options: PostgresStoreOptions = {}) {
    this.pool = new Pool({ connectionString: url, max: options.readConnections ?? 6 });
    this.txPool = new Pool({ connectionString: url, max: options.transactionConnections ?? 4 });
    this.notify = new PostgresNotifyStore(this.pool);
    // An idle connection that drops (a database restart) is replaced on next use: not fatal.
    this.pool.on("error", ignoreConnectionError);
    this.txPool.on("error", ignoreConnectionError);
  }

  async close(): Promise<void> {
    await this.queues.drain();
    await Promise.all([this.pool.end(), this.txPool.end()]);
  }

  async ping(): Promise<void> {
    await query(this.pool, "SELECT 1");
  }

  private async rows<R extends object>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await query<R & Record<string, unknown>>(this.pool, sql, params)).rows;
  }

  private async row<R extends object>(sql: string, params: unknown[] = []): Promise<R | null> {
    return (await this.rows<R>(sql, params))[0] ?? null;
  }

  // Accounts

  async insertMember({ member, email, passwordHash }: MemberRecord): Promise<void> {
    try {
      await query(
        this.pool,
        "INSERT INTO members (id, username, email, password_hash, doc) VALUES ($1, $2, $3, $4, $5)",
        [member.id, member.username, email, passwordHash, JSON.stringify(member)],
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new TackError(ErrorCode.conflict, "That username or e-mail is already taken");
      throw error;
    }
  }

  async updateMember(member: Member): Promise<void> {
    await query(this.pool, "UPDATE members SET doc = $1 WHERE id = $2", [JSON.stringify(member), member.id]);
  }

  async memberById(id: string): Promise<Member | null> {
    return (await this.row<{ doc: Member }>("SELECT doc FROM members WHERE id = $1", [id]))?.doc ?? null;
  }

  async membersByIds(ids: readonly string[]): Promise<Member[]> {
    if (ids.length === 0) return [];
    const rows = await this.rows<{ doc: Member }>("SELECT doc FROM members WHERE id = ANY($1::text[])", [
      ids,
    ]);
    return rows.map((r) => r.doc);
  }

  async memberByUsername(username: string): Promise<Member | null> {
    const row = await this.row<{ doc: Member }>(
      "SELECT doc FROM members WHERE lower(username) = lower($1) AND password_hash <> ''",
      [username],
    );
    return row?.doc ?? null;
  }

  async pendingClaimsOf(memberId: string): Promise<Member[]> {
    const rows = await this.rows<{ doc: Member }>(
      `SELECT doc FROM members WHERE password_hash = '' AND doc->'placeholder'->'claim'->>'idMember' = $1
        AND doc->'placeholder'->>'idMemberClaimedBy' IS NULL ORDER BY id`,
      [memberId],
    );
    return rows.map((r) => r.doc);
  }

  async credentialsOf(usernameOrEmail: string): Promise<{ member: Member; passwordHash: string } | null> {
    const row = await this.row<{ doc: Member; password_hash: string }>(
      `SELECT doc, password_hash FROM members
        WHERE (lower(username) = lower($1) OR lower(email) = lower($1)) AND password_hash <> '' LIMIT 1`,
      [usernameOrEmail],
    );
    return row ? { member: row.doc, passwordHash: row.password_hash } : null;
  }

  async insertSession(s: SessionRecord): Promise<void> {
    await query(
      this.pool,
      "INSERT INTO sessions (id_hash, member_id, csrf_token, expires_at, created_at, last_used_at, address, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      [
        s.idHash,
        s.memberId,
        s.csrfToken,
        s.expiresAt,
        s.createdAt,
        s.lastUsed.at,
        s.lastUsed.address,
        s.lastUsed.userAgent,
      ],
    );
  }

  async sessionByHash(idHash: string): Promise<SessionRecord | null> {
    const row = await this.row<SessionRow>("SELECT * FROM sessions WHERE id_hash = $1", [idHash]);
    return row ? sessionOf(row) : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await query(this.pool, "DELETE FROM sessions WHERE id_hash = $1", [idHash]);
  }

  async insertToken(t: TokenRecord): Promise<void> {
    await query(
      this.pool,
      "INSERT INTO tokens (id, token_hash, member_id, name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
      [t.id, t.tokenHash, t.memberId, t.name, t.createdAt, t.expiresAt],
    );
  }

  async tokenByHash(tokenHash: string): Promise<TokenRecord | null> {
    const row = await this.row<TokenRow>("SELECT * FROM tokens WHERE token_hash = $1", [tokenHash]);
    return row ? tokenOf(row) : null;
  }

  async tokensOf(memberId: string): Promise<TokenRecord[]> {
    return (
      await this.rows<TokenRow>("SELECT * FROM tokens WHERE member_id = $1 ORDER BY created_at", [memberId])
    ).map(tokenOf);
  }

  async deleteToken(memberId: string, tokenId: string): Promise<boolean> {
    const result = await query(this.pool, "DELETE FROM tokens WHERE id = $1 AND member_id = $2", [
      tokenId,
      memberId,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async sessionsOf(memberId: string): Promise<SessionRecord[]> {
    return (
      await this.rows<SessionRow>("SELECT * FROM sessions WHERE member_id = $1 ORDER BY last_used_at DESC", [
        memberId,
      ])
    ).map(sessionOf);
  }

  async deleteSessionsOf(memberId: string, keepIdHash: string | null): Promise<string[]> {
    const result = await query<{ id_hash: string }>(
      this.pool,
      "DELETE FROM sessions WHERE member_id = $1 AND id_hash IS DISTINCT FROM $2 RETURNING id_hash",
      [memberId, keepIdHash],
    );
    return result.rows.map((r) => r.id_hash);
  }

  async touchSession(idHash: string, use: CredentialUse): Promise<void> {
    await query(
      this.pool,
      "UPDATE sessions SET last_used_at = $1, address = $2, user_agent = $3 WHERE id_hash = $4",
      [use.at, use.address, use.userAgent, idHash],
    );
  }

  async touchToken(tokenId: string, use: CredentialUse): Promise<void> {
    await query(
      this.pool,
      "UPDATE tokens SET last_used_at = $1, address = $2, user_agent = $3 WHERE id = $4",
      [use.at, use.address, use.userAgent, tokenId],
    );
  }

  async passwordHashOf(memberId: string): Promise<string | null> {
    const row = await this.row<{ password_hash: string }>("SELECT password_hash FROM members WHERE id = $1", [
      memberId,
    ]);
    return row?.password_hash ?? null;
  }

  async setPasswordHash(memberId: string, passwordHash: string): Promise<void> {
    await query(this.pool, "UPDATE members SET password_hash = $1 WHERE id = $2", [passwordHash, memberId]);
  }

  async insertLoginDevice(idHash: string, memberId: string, createdAt: number): Promise<void> {
    await query(
      this.pool,
      "INSERT INTO login_devices (id_hash, member_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
      [idHash, memberId, createdAt],
    );
  }

  async loginDeviceOwner(idHash: string): Promise<string | null> {
    const row = await this.row<{ member_id: string }>(
      "SELECT member_id FROM login_devices WHERE id_hash = $1",
      [idHash],
    );
    return row?.member_id ?? null;
  }

  async insertPasswordReset(reset: PasswordResetRecord): Promise<void> {
    // One statement, so a concurrent reset cannot leave two valid tokens.
    await query(
      this.pool,
      `WITH dropped AS (DELETE FROM password_resets WHERE member_id = $2)
       INSERT INTO password_resets (id_hash, member_id, expires_at) VALUES ($1, $2, $3)`,
      [reset.idHash, reset.memberId, reset.expiresAt],
    );
  }

  async takePasswordReset(idHash: string): Promise<PasswordResetRecord | null> {
    const result = await query<{ member_id: string; expires_at: string }>(
      this.pool,
      "DELETE FROM password_resets WHERE id_hash = $1 RETURNING member_id, expires_at",
      [idHash],
    );
    const row = result.rows[0];
    return row ? { idHash, memberId: row.member_id, expiresAt: Number(row.expires_at) } : null;
  }

  // Workspaces

  async insertOrganization(org: Organization, ownerId: string): Promise<void> {
    try {
      // One statement, so the workspace and its first admin are written together or not at all.
      await query(
        this.pool,
        `WITH org AS (INSERT INTO organizations (id, name, doc) VALUES ($1, $2, $3) RETURNING id)
         INSERT INTO organization_members (org_id, member_id, role) SELECT id, $4, 'admin' FROM org`,
        [org.id, org.name, JSON.stringify(org), ownerId],
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new TackError(ErrorCode.conflict, "That workspace name is already taken", "name");
      throw error;
    }
  }

  async organizationById(idOrName: string): Promise<Organization | null> {
    const row = await this.row<{ doc: Organization }>(
      "SELECT doc FROM organizations WHERE id = $1 OR lower(name) = lower($1) LIMIT 1",
      [idOrName],
    );
    return row?.doc ?? null;
  }

  async organizationsOf(memberId: string): Promise<Organization[]> {
    const rows = await this.rows<{ doc: Organization }>(
      `SELECT o.doc FROM organizations o JOIN organization_members m ON m.org_id = o.id
        WHERE m.member_id = $1 ORDER BY lower(o.name)`,
      [memberId],
    );
    return rows.map((r) => r.doc);
  }

  async addOrganizationMember(orgId: string, memberId: string, role: "admin" | "normal"): Promise<void> {
    await query(
      this.pool,
      `INSERT INTO organization_members (org_id, member_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (org_id, member_id) DO UPDATE SET role = excluded.role`,
      [orgId, memberId, role],
    );
  }

  async organizationMemberIds(orgId: string): Promise<string[]> {
    const rows = await this.rows<{ member_id: string }>(
      "SELECT member_id FROM organization_members WHERE org_id = $1",
      [orgId],
    );
    return rows.map((r) => r.member_id);
  }

  // Board reads

  async boardAccess(
    idOrShortLink: string,
    memberId: string | null,
  ): Promise<{ boardId: string; access: BoardAccess } | null> {
    const row = await this.row<{ id: string; doc: unknown; role: BoardAccess["role"]; in_org: boolean }>(
      `SELECT b.id, b.doc,
              (SELECT bm.doc->>'memberType' FROM board_members bm WHERE bm.board_id = b.id AND bm.member_id = $1) AS role,
              EXISTS (SELECT 1 FROM organization_members om WHERE om.org_id = b.org_id AND om.member_id = $1) AS in_org
         FROM boards b WHERE b.id = $2 OR b.short_link = $2 LIMIT 1`,
      [memberId, idOrShortLink],
    );
    if (!row) return null;
    const board = readBoard(row.doc);
    return {
      boardId: row.id,
      access: {
        role: row.role ?? null,
        visibility: board.prefs.permissionLevel,
        inOrganization: row.in_org,
        commentsPref: board.prefs.comments,
      },
    };
  }

  async objectAccess<K extends BoardObjectKind>(
    kind: K,
    idOrShortLink: string,
    memberId: string | null,
  ): Promise<{ object: BoardObjectOf[K]; boardId: string; access: BoardAccess } | null> {
    const row = await this.row<{ object: unknown; id: string; doc: unknown; role: unknown; in_org: boolean }>(
      `SELECT o.doc AS object, b.id, b.doc,
              (SELECT bm.doc->>'memberType' FROM board_members bm WHERE bm.board_id = b.id AND bm.member_id = $1) AS role,
              EXISTS (SELECT 1 FROM organization_members om WHERE om.org_id = b.org_id AND om.member_id = $1) AS in_org
         FROM objects o JOIN boards b ON b.id = o.board_id
        WHERE (o.id = $2 OR o.short_link = $2) AND o.kind = $3 LIMIT 1`,
      [memberId, idOrShortLink, kind],
    );
    if (!row) return null;
    return {
      object: readObject(kind, row.object),
      boardId: row.id,
      access: accessOf(row.doc, row.role, row.in_org),
    };
  }

  async boardById(boardId: string): Promise<BoardAndSeq | null> {
    const row = await this.row<{ doc: unknown; seq: string }>("SELECT doc, seq FROM boards WHERE id = $1", [
      boardId,
    ]);
    return row ? { board: readBoard(row.doc), seq: Number(row.seq) } : null;
  }

  async boardsOf(memberId: string): Promise<Array<{ board: Board; membership: Membership }>> {
    const rows = await this.rows<{ board: unknown; membership: Membership }>(
      "SELECT b.doc AS board, bm.doc AS membership FROM boards b JOIN board_members bm ON bm.board_id = b.id WHERE bm.member_id = $1",
      [memberId],
    );
    return rows.map((r) => ({ board: readBoard(r.board), membership: r.membership }));
  }

  async loadBoard(boardId: string): Promise<Omit<BoardSnapshot, "actions"> | null> {
    // One statement is one snapshot, and one round trip however big the board is.
    const row = await this.row<{
      doc: unknown;
      seq: string;
      objects: Array<[BoardObjectKind, unknown]>;
      people: Array<[Membership, Member]>;
    }>(
      `SELECT b.doc, b.seq,
              (SELECT coalesce(json_agg(json_build_array(o.kind, o.doc)), '[]') FROM objects o WHERE o.board_id = b.id) AS objects,
              (SELECT coalesce(json_agg(json_build_array(bm.doc, m.doc)), '[]')
                 FROM board_members bm JOIN members m ON m.id = bm.member_id WHERE bm.board_id = b.id) AS people
         FROM boards b WHERE b.id = $1`,
      [boardId],
    );
    if (!row) return null;
    const snapshot: Omit<BoardSnapshot, "actions"> = {
      board: readBoard(row.doc),
      seq: Number(row.seq),
      lists: [],
      cards: [],
      labels: [],
      checklists: [],
      attachments: [],
      memberships: [],
      members: [],
    };
    const groups = {
      list: snapshot.lists,
      card: snapshot.cards,
      label: snapshot.labels,
      checklist: snapshot.checklists,
      attachment: snapshot.attachments,
    } as const;
    for (const [kind, doc] of row.objects) (groups[kind] as unknown[]).push(readObject(kind, doc));
    for (const [membership, member] of row.people) {
      snapshot.memberships.push(membership);
      snapshot.members.push(member);
    }
    return snapshot;
  }

  async objectById<K extends BoardObjectKind>(
    kind: K,
    idOrShortLink: string,
  ): Promise<BoardObjectOf[K] | null> {
    const row = await this.row<{ doc: unknown }>(
      "SELECT doc FROM objects WHERE (id = $1 OR short_link = $1) AND kind = $2 LIMIT 1",
      [idOrShortLink, kind],
    );
    return row ? readObject(kind, row.doc) : null;
  }

  async cardView(idOrShortLink: string): Promise<CardView | null> {
    const row = await this.row<{
      card: unknown;
      labels: unknown[];
      checklists: unknown[];
      attachments: unknown[];
    }>(
      `SELECT o.doc AS card,
              (SELECT coalesce(jsonb_agg(l.doc), '[]') FROM objects l WHERE l.board_id = o.board_id AND l.kind = 'label') AS labels,
              (SELECT coalesce(jsonb_agg(c.doc), '[]') FROM objects c WHERE c.parent_id = o.id AND c.kind = 'checklist') AS checklists,
              (SELECT coalesce(jsonb_agg(a.doc), '[]') FROM objects a WHERE a.parent_id = o.id AND a.kind = 'attachment') AS attachments
         FROM objects o WHERE (o.id = $1 OR o.short_link = $1) AND o.kind = 'card' LIMIT 1`,
      [idOrShortLink],
    );
    if (!row) return null;
    return {
      card: readObject("card", row.card),
      labels: row.labels.map((d) => readObject("label", d)),
      checklists: row.checklists.map((d) => readObject("checklist", d)),
      attachments: row.attachments.map((d) => readObject("attachment", d)),
    };
  }

  async objectsOf<K extends BoardObjectKind>(boardId: string, kind: K): Promise<BoardObjectOf[K][]> {
    const rows = await this.rows<{ doc: unknown }>(
      "SELECT doc FROM objects WHERE board_id = $1 AND kind = $2",
      [boardId, kind],
    );
    return rows.map((r) => readObject(kind, r.doc));
  }

  async childrenOf<K extends BoardObjectKind>(kind: K, parentId: string): Promise<BoardObjectOf[K][]> {
    const rows = await this.rows<{ doc: unknown }>(
      "SELECT doc FROM objects WHERE parent_id = $1 AND kind = $2",
      [parentId, kind],
    );
    return rows.map((r) => readObject(kind, r.doc));
  }

  async actions(q: ActionQuery): Promise<Action[]> {
    const where: string[] = ["NOT hidden"];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (q.boardId !== undefined) where.push(`board_id = ${param(q.boardId)}`);
    if (q.cardId !== undefined) where.push(`card_id = ${param(q.cardId)}`);
    if (q.types && q.types.length > 0) where.push(`type = ANY(${param(q.types)}::text[])`);
    if (q.beforeSeq !== undefined) where.push(`seq < ${param(q.beforeSeq)}`);
    const sql = `SELECT ${ACTION_COLUMNS} FROM actions WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ${param(q.limit)}`;
    return (await this.rows<ActionRow>(sql, params)).map(readAction);
  }

  async actionById(id: string): Promise<(Action & { idBoard: string }) | null> {
    const row = await this.row<ActionRow>(
      `SELECT ${ACTION_COLUMNS} FROM actions WHERE id = $1 AND NOT hidden`,
      [id],
    );
    return row ? { ...readAction(row), idBoard: row.board_id } : null;
  }

  async changesSince(boardId: string, afterSeq: number, limit: number): Promise<BoardChange[]> {
    const rows = await this.rows<ActionRow>(
      "SELECT * FROM actions WHERE board_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
      [boardId, afterSeq, limit],
    );
    return rows.map(readChange);
  }

  async changeByMutation(memberId: string, mutationId: string): Promise<BoardChange | null> {
    const row = await this.row<ActionRow>("SELECT * FROM actions WHERE member_id = $1 AND mutation_id = $2", [
      memberId,
      mutationId,
    ]);
    return row ? readChange(row) : null;
  }

  async priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null> {
    const row = await this.row<ActionRow>("SELECT * FROM actions WHERE member_id = $1 AND mutation_id = $2", [
      memberId,
      mutationId,
    ]);
    return row ? readPriorMutation(row) : null;
  }

  async searchCards(
    boardIds: readonly string[],
    text: string,
    limit: number,
  ): Promise<BoardObjectOf["card"][]> {
    const rows = await this.rows<{ doc: unknown }>(
      `SELECT doc FROM objects WHERE kind = 'card' AND NOT closed AND board_id = ANY($1::text[])
         AND (doc->>'name' ILIKE $2 ESCAPE '\\' OR doc->>'desc' ILIKE $2 ESCAPE '\\') LIMIT $3`,
      [boardIds, likePattern(text), limit],
    );
    return rows.map((r) => readObject("card", r.doc));
  }

  async searchBoards(boardIds: readonly string[], text: string, limit: number): Promise<Board[]> {
    const rows = await this.rows<{ doc: unknown }>(
      "SELECT doc FROM boards WHERE id = ANY($1::text[]) AND doc->>'name' ILIKE $2 ESCAPE '\\' LIMIT $3",
      [boardIds, likePattern(text), limit],
    );
    return rows.map((r) => readBoard(r.doc));
  }

  // Board writes

  transact<T>(
    boardId: string,
    fn: (tx: BoardTx) => Promise<T>,
    options: TransactOptions = {},
  ): Promise<{ result: T; changes: BoardChange[] }> {
    return this.queues.run(boardId, () => runBoardTransaction(this.txPool, boardId, fn, options));
  }

  async deleteBoard(boardId: string): Promise<void> {
    // Queued like a transaction, so it waits for this process's writers instead of a connection.
    // Its placeholders (imported people with no login) belonged to it alone: gone in the same statement.
    await this.queues.run(boardId, () =>
      query(
        this.pool,
        `WITH board AS (DELETE FROM boards WHERE id = $1)
         DELETE FROM members WHERE password_hash = '' AND doc->'placeholder'->>'idBoard' = $1`,
        [boardId],
      ),
    );
  }
}

interface TokenRow {
  id: string;
  token_hash: string;
  member_id: string;
  name: string;
  created_at: string;
  // bigint columns arrive as strings from node-postgres.
  expires_at: string | null;
  last_used_at: string | null;
  address: string;
  user_agent: string;
}

function tokenOf(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    memberId: row.member_id,
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    lastUsed:
      row.last_used_at === null
        ? null
        : { at: Number(row.last_used_at), address: row.address, userAgent: row.user_agent },
  };
}

interface SessionRow {
  id_hash: string;
  member_id: string;
  csrf_token: string;
  expires_at: string;
  created_at: string;
  last_used_at: string;
  address: string;
  user_agent: string;
}

function sessionOf(row: SessionRow): SessionRecord {
  return {
    idHash: row.id_hash,
    memberId: row.member_id,
    csrfToken: row.csrf_token,
    expiresAt: Number(row.expires_at),
    createdAt: Number(row.created_at),
    lastUsed: { at: Number(row.last_used_at), address: row.address, userAgent: row.user_agent },
  };
}
