// The embedded default: SQLite through Node's built-in `node:sqlite`, no native addon, no service.
// WAL journal with synchronous=FULL: a committed transaction survives kill -9 and power loss.
// One writer connection whose transactions are serialized by a queue (SQLite has one writer
// anyway), and one reader connection that, under WAL, sees only committed data.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
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
import { parentOf } from "@tack/shared/models";
import type { BoardAccess } from "@tack/shared/permissions";
import type { OutboxDraft } from "./notify-store.ts";
import { placeholderEmail } from "./placeholder-email.ts";
import {
  type ActionRow,
  accessOf,
  closedOf,
  json,
  likePattern,
  readAction,
  readBoard,
  readChange,
  readObject,
  readPriorMutation,
  shortLinkOf,
} from "./rows.ts";
import { SqliteNotifyStore } from "./sqlite-notify.ts";
import { SQLITE_MIGRATIONS } from "./sqlite-schema.ts";
import type {
  ActionDraft,
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

type Row = Record<string, SQLInputValue>;

function open(path: string): DatabaseSync {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
  );
  return db;
}

function migrate(db: DatabaseSync): void {
  const { user_version: version } = db.prepare("PRAGMA user_version").get() as { user_version: number };
  for (let v = version; v < SQLITE_MIGRATIONS.length; v++) {
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(SQLITE_MIGRATIONS[v]!);
      db.exec(`PRAGMA user_version = ${v + 1}`);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}

export class SqliteStore implements Store {
  readonly kind = "sqlite";
  private readonly writer: DatabaseSync;
  private readonly reader: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly readStatements = new Map<string, StatementSync>();
  /** Tail of the queue of write transactions. */
  private writeQueue: Promise<unknown> = Promise.resolve();
  readonly notify = new SqliteNotifyStore({
    read: (sql) => this.r(sql),
    write: (sql) => this.w(sql),
    serialized: (work) => this.serialized(work),
  });

  constructor(path: string) {
    this.writer = open(path);
    migrate(this.writer);
    // ":memory:" would give the reader its own empty database: read through the writer instead.
    this.reader = path === ":memory:" ? this.writer : open(path);
  }

  private w(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.writer.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private r(sql: string): StatementSync {
    let s = this.readStatements.get(sql);
    if (!s) {
      s = this.reader.prepare(sql);
      this.readStatements.set(sql, s);
    }
    return s;
  }

  async close(): Promise<void> {
    await this.writeQueue.catch(() => undefined);
    this.writer.close();
    if (this.reader !== this.writer) this.reader.close();
  }

  async ping(): Promise<void> {
    this.r("SELECT 1").get();
  }

  // Accounts

  async insertMember({ member, email, passwordHash }: MemberRecord): Promise<void> {
    try {
      await this.serialized(() =>
        this.w("INSERT INTO members (id, username, email, password_hash, doc) VALUES (?, ?, ?, ?, ?)").run(
          member.id,
          member.username,
          email,
          passwordHash,
          JSON.stringify(member),
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new TackError(ErrorCode.conflict, "That username or e-mail is already taken");
      throw error;
    }
  }

  async updateMember(member: Member): Promise<void> {
    await this.serialized(() =>
      this.w("UPDATE members SET doc = ? WHERE id = ?").run(JSON.stringify(member), member.id),
    );
  }

  async memberById(id: string): Promise<Member | null> {
    const row = this.r("SELECT doc FROM members WHERE id = ?").get(id) as { doc: string } | undefined;
    return row ? json<Member>(row.doc) : null;
  }

  async membersByIds(ids: readonly string[]): Promise<Member[]> {
    if (ids.length === 0) return [];
    const rows = this.r("SELECT doc FROM members WHERE id IN (SELECT value FROM json_each(?))").all(
      JSON.stringify(ids),
    ) as Row[];
    return rows.map((r) => json<Member>(r.doc));
  }

  async memberByUsername(username: string): Promise<Member | null> {
    const row = this.r("SELECT doc FROM members WHERE username = ? AND password_hash <> ''").get(username) as
      | Row
      | undefined;
    return row ? json<Member>(row.doc) : null;
  }

  async pendingClaimsOf(memberId: string): Promise<Member[]> {
    const rows = this.r(
      `SELECT doc FROM members WHERE password_hash = '' AND json_extract(doc, '$.placeholder.claim.idMember') = ?
       AND json_extract(doc, '$.placeholder.idMemberClaimedBy') IS NULL ORDER BY id`,
    ).all(memberId) as Row[];
    return rows.map((r) => json<Member>(r.doc));
  }

  async credentialsOf(usernameOrEmail: string): Promise<{ member: Member; passwordHash: string } | null> {
    const row = this.r(
      "SELECT doc, password_hash FROM members WHERE (username = ? OR email = ?) AND password_hash <> ''",
    ).get(usernameOrEmail, usernameOrEmail) as Row | undefined;
    return row ? { member: json<Member>(row.doc), passwordHash: String(row.password_hash) } : null;
  }

  async insertSession(s: SessionRecord): Promise<void> {
    await this.serialized(() =>
      this.w(
        "INSERT INTO sessions (id_hash, member_id, csrf_token, expires_at, created_at, last_used_at, address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ).run(
        s.idHash,
        s.memberId,
        s.csrfToken,
        s.expiresAt,
        s.createdAt,
        s.lastUsed.at,
        s.lastUsed.address,
        s.lastUsed.userAgent,
      ),
    );
  }

  async sessionByHash(idHash: string): Promise<SessionRecord | null> {
    const row = this.r("SELECT * FROM sessions WHERE id_hash = ?").get(idHash) as Row | undefined;
    return row ? sessionOf(row) : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.serialized(() => this.w("DELETE FROM sessions WHERE id_hash = ?").run(idHash));
  }

  async insertToken(t: TokenRecord): Promise<void> {
    await this.serialized(() =>
      this.w(
        "INSERT INTO tokens (id, token_hash, member_id, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(t.id, t.tokenHash, t.memberId, t.name, t.createdAt, t.expiresAt),
    );
  }

  async tokenByHash(tokenHash: string): Promise<TokenRecord | null> {
    const row = this.r("SELECT * FROM tokens WHERE token_hash = ?").get(tokenHash) as Row | undefined;
    return row ? tokenOf(row) : null;
  }

  async tokensOf(memberId: string): Promise<TokenRecord[]> {
    return (
      this.r("SELECT * FROM tokens WHERE member_id = ? ORDER BY created_at").all(memberId) as Row[]
    ).map(tokenOf);
  }

  async deleteToken(memberId: string, tokenId: string): Promise<boolean> {
    const result = await this.serialized(() =>
      this.w("DELETE FROM tokens WHERE id = ? AND member_id = ?").run(tokenId, memberId),
    );
    return Number(result.changes) > 0;
  }

  async sessionsOf(memberId: string): Promise<SessionRecord[]> {
    return (
      this.r("SELECT * FROM sessions WHERE member_id = ? ORDER BY last_used_at DESC").all(memberId) as Row[]
    ).map(sessionOf);
  }

  async deleteSessionsOf(memberId: string, keepIdHash: string | null): Promise<string[]> {
    const rows = await this.serialized(
      () =>
        this.w("DELETE FROM sessions WHERE member_id = ? AND id_hash IS NOT ? RETURNING id_hash").all(
          memberId,
          keepIdHash,
        ) as Row[],
    );
    return rows.map((r) => String(r.id_hash));
  }

  async touchSession(idHash: string, use: CredentialUse): Promise<void> {
    await this.serialized(() =>
      this.w("UPDATE sessions SET last_used_at = ?, address = ?, user_agent = ? WHERE id_hash = ?").run(
        use.at,
        use.address,
        use.userAgent,
        idHash,
      ),
    );
  }

  async touchToken(tokenId: string, use: CredentialUse): Promise<void> {
    await this.serialized(() =>
      this.w("UPDATE tokens SET last_used_at = ?, address = ?, user_agent = ? WHERE id = ?").run(
        use.at,
        use.address,
        use.userAgent,
        tokenId,
      ),
    );
  }

  async passwordHashOf(memberId: string): Promise<string | null> {
    const row = this.r("SELECT password_hash FROM members WHERE id = ?").get(memberId) as Row | undefined;
    return row ? String(row.password_hash) : null;
  }

  async setPasswordHash(memberId: string, passwordHash: string): Promise<void> {
    await this.serialized(() =>
      this.w("UPDATE members SET password_hash = ? WHERE id = ?").run(passwordHash, memberId),
    );
  }

  async insertLoginDevice(idHash: string, memberId: string, createdAt: number): Promise<void> {
    await this.serialized(() =>
      this.w("INSERT OR IGNORE INTO login_devices (id_hash, member_id, created_at) VALUES (?, ?, ?)").run(
        idHash,
        memberId,
        createdAt,
      ),
    );
  }

  async loginDeviceOwner(idHash: string): Promise<string | null> {
    const row = this.r("SELECT member_id FROM login_devices WHERE id_hash = ?").get(idHash) as
      | Row
      | undefined;
    return row ? String(row.member_id) : null;
  }

  async insertPasswordReset(reset: PasswordResetRecord): Promise<void> {
    await this.serialized(() => {
      this.w("DELETE FROM password_resets WHERE member_id = ?").run(reset.memberId);
      this.w("INSERT INTO password_resets (id_hash, member_id, expires_at) VALUES (?, ?, ?)").run(
        reset.idHash,
        reset.memberId,
        reset.expiresAt,
      );
    });
  }

  async takePasswordReset(idHash: string): Promise<PasswordResetRecord | null> {
    const row = await this.serialized(
      () =>
        this.w("DELETE FROM password_resets WHERE id_hash = ? RETURNING member_id, expires_at").get(idHash) as
          | Row
          | undefined,
    );
    return row ? { idHash, memberId: String(row.member_id), expiresAt: Number(row.expires_at) } : null;
  }

  // Workspaces

  async insertOrganization(org: Organization, ownerId: string): Promise<void> {
    try {
      await this.serialized(() => {
        this.writer.exec("BEGIN IMMEDIATE");
        try {
          this.w("INSERT INTO organizations (id, name, doc) VALUES (?, ?, ?)").run(
            org.id,
            org.name,
            JSON.stringify(org),
          );
          this.w("INSERT INTO organization_members (org_id, member_id, role) VALUES (?, ?, 'admin')").run(
            org.id,
            ownerId,
          );
          this.writer.exec("COMMIT");
        } catch (error) {
          this.writer.exec("ROLLBACK");
          throw error;
        }
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new TackError(ErrorCode.conflict, "That workspace name is already taken", "name");
      throw error;
    }
  }

  async organizationById(idOrName: string): Promise<Organization | null> {
    const row = this.r("SELECT doc FROM organizations WHERE id = ? OR name = ?").get(idOrName, idOrName) as
      | Row
      | undefined;
    return row ? json<Organization>(row.doc) : null;
  }

  async organizationsOf(memberId: string): Promise<Organization[]> {
    const rows = this.r(
      "SELECT o.doc FROM organizations o JOIN organization_members m ON m.org_id = o.id WHERE m.member_id = ? ORDER BY o.name",
    ).all(memberId) as Row[];
    return rows.map((r) => json<Organization>(r.doc));
  }

  async addOrganizationMember(orgId: string, memberId: string, role: "admin" | "normal"): Promise<void> {
    await this.serialized(() =>
      this.w(
        "INSERT INTO organization_members (org_id, member_id, role) VALUES (?, ?, ?) ON CONFLICT (org_id, member_id) DO UPDATE SET role = excluded.role",
      ).run(orgId, memberId, role),
    );
  }

  async organizationMemberIds(orgId: string): Promise<string[]> {
    return (this.r("SELECT member_id FROM organization_members WHERE org_id = ?").all(orgId) as Row[]).map(
      (r) => String(r.member_id),
    );
  }

  // Board reads

  async boardAccess(
    idOrShortLink: string,
    memberId: string | null,
  ): Promise<{ boardId: string; access: BoardAccess } | null> {
    const row = this.r(
      `SELECT b.id, b.doc,
              (SELECT json_extract(bm.doc, '$.memberType') FROM board_members bm WHERE bm.board_id = b.id AND bm.member_id = ?) AS role,
              EXISTS (SELECT 1 FROM organization_members om WHERE om.org_id = b.org_id AND om.member_id = ?) AS in_org
         FROM boards b WHERE b.id = ? OR b.short_link = ?`,
    ).get(memberId, memberId, idOrShortLink, idOrShortLink) as Row | undefined;
    if (!row) return null;
    const board = readBoard(row.doc);
    return {
      boardId: String(row.id),
      access: {
        role: (row.role as BoardAccess["role"]) ?? null,
        visibility: board.prefs.permissionLevel,
        inOrganization: Number(row.in_org) === 1,
        commentsPref: board.prefs.comments,
      },
    };
  }

  async objectAccess<K extends BoardObjectKind>(
    kind: K,
    idOrShortLink: string,
    memberId: string | null,
  ): Promise<{ object: BoardObjectOf[K]; boardId: string; access: BoardAccess } | null> {
    const row = this.r(
      `SELECT o.doc AS object, b.id, b.doc,
              (SELECT json_extract(bm.doc, '$.memberType') FROM board_members bm WHERE bm.board_id = b.id AND bm.member_id = ?) AS role,
              EXISTS (SELECT 1 FROM organization_members om WHERE om.org_id = b.org_id AND om.member_id = ?) AS in_org
         FROM objects o JOIN boards b ON b.id = o.board_id
        WHERE (o.id = ? OR o.short_link = ?) AND o.kind = ?`,
    ).get(memberId, memberId, idOrShortLink, idOrShortLink, kind) as Row | undefined;
    if (!row) return null;
    return {
      object: readObject(kind, row.object),
      boardId: String(row.id),
      access: accessOf(row.doc, row.role, Number(row.in_org) === 1),
    };
  }

  async boardById(boardId: string): Promise<BoardAndSeq | null> {
    const row = this.r("SELECT doc, seq FROM boards WHERE id = ?").get(boardId) as Row | undefined;
    return row ? { board: readBoard(row.doc), seq: Number(row.seq) } : null;
  }

  async boardsOf(memberId: string): Promise<Array<{ board: Board; membership: Membership }>> {
    const rows = this.r(
      "SELECT b.doc AS board, bm.doc AS membership FROM boards b JOIN board_members bm ON bm.board_id = b.id WHERE bm.member_id = ?",
    ).all(memberId) as Row[];
    return rows.map((r) => ({ board: readBoard(r.board), membership: json<Membership>(r.membership) }));
  }

  async loadBoard(boardId: string): Promise<Omit<BoardSnapshot, "actions"> | null> {
    // One read transaction, so the board, its seq and its objects are one consistent snapshot.
    this.reader.exec("BEGIN");
    try {
      const head = this.r("SELECT doc, seq FROM boards WHERE id = ?").get(boardId) as Row | undefined;
      if (!head) return null;
      const snapshot: Omit<BoardSnapshot, "actions"> = {
        board: readBoard(head.doc),
        seq: Number(head.seq),
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
      for (const row of this.r("SELECT kind, doc FROM objects WHERE board_id = ?").iterate(
        boardId,
      ) as Iterable<Row>) {
        const kind = row.kind as BoardObjectKind;
        (groups[kind] as unknown[]).push(readObject(kind, row.doc));
      }
      const memberRows = this.r(
        "SELECT bm.doc AS membership, m.doc AS member FROM board_members bm JOIN members m ON m.id = bm.member_id WHERE bm.board_id = ?",
      ).all(boardId) as Row[];
      for (const r of memberRows) {
        snapshot.memberships.push(json<Membership>(r.membership));
        snapshot.members.push(json<Member>(r.member));
      }
      return snapshot;
    } finally {
      this.reader.exec("COMMIT");
    }
  }

  async objectById<K extends BoardObjectKind>(
    kind: K,
    idOrShortLink: string,
  ): Promise<BoardObjectOf[K] | null> {
    const row = this.r("SELECT doc FROM objects WHERE (id = ? OR short_link = ?) AND kind = ?").get(
      idOrShortLink,
      idOrShortLink,
      kind,
    ) as Row | undefined;
    return row ? readObject(kind, row.doc) : null;
  }

  async cardView(idOrShortLink: string): Promise<CardView | null> {
    const row = this.r(
      `SELECT o.doc AS card,
              (SELECT json_group_array(json(l.doc)) FROM objects l WHERE l.board_id = o.board_id AND l.kind = 'label') AS labels,
              (SELECT json_group_array(json(c.doc)) FROM objects c WHERE c.parent_id = o.id AND c.kind = 'checklist') AS checklists,
              (SELECT json_group_array(json(a.doc)) FROM objects a WHERE a.parent_id = o.id AND a.kind = 'attachment') AS attachments
         FROM objects o WHERE (o.id = ? OR o.short_link = ?) AND o.kind = 'card'`,
    ).get(idOrShortLink, idOrShortLink) as Row | undefined;
    if (!row) return null;
    return {
      card: readObject("card", row.card),
      labels: json<unknown[]>(row.labels).map((d) => readObject("label", d)),
      checklists: json<unknown[]>(row.checklists).map((d) => readObject("checklist", d)),
      attachments: json<unknown[]>(row.attachments).map((d) => readObject("attachment", d)),
    };
  }

  async objectsOf<K extends BoardObjectKind>(boardId: string, kind: K): Promise<BoardObjectOf[K][]> {
    const rows = this.r("SELECT doc FROM objects WHERE board_id = ? AND kind = ?").all(
      boardId,
      kind,
    ) as Row[];
    return rows.map((r) => readObject(kind, r.doc));
  }

  async childrenOf<K extends BoardObjectKind>(kind: K, parentId: string): Promise<BoardObjectOf[K][]> {
    const rows = this.r("SELECT doc FROM objects WHERE parent_id = ? AND kind = ?").all(
      parentId,
      kind,
    ) as Row[];
    return rows.map((r) => readObject(kind, r.doc));
  }

  async actions(q: ActionQuery): Promise<Action[]> {
    const where: string[] = ["hidden = 0"];
    const params: SQLInputValue[] = [];
    if (q.boardId !== undefined) {
      where.push("board_id = ?");
      params.push(q.boardId);
    }
    if (q.cardId !== undefined) {
      where.push("card_id = ?");
      params.push(q.cardId);
    }
    if (q.types && q.types.length > 0) {
      where.push("type IN (SELECT value FROM json_each(?))");
      params.push(JSON.stringify(q.types));
    }
    if (q.beforeSeq !== undefined) {
      where.push("seq < ?");
      params.push(q.beforeSeq);
    }
    const sql = `SELECT id, board_id, seq, type, member_id, date, data FROM actions WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ?`;
    return (this.reader.prepare(sql).all(...params, q.limit) as unknown as ActionRow[]).map(readAction);
  }

  async actionById(id: string): Promise<(Action & { idBoard: string }) | null> {
    const row = this.r(
      "SELECT id, board_id, seq, type, member_id, date, data FROM actions WHERE id = ? AND hidden = 0",
    ).get(id) as ActionRow | undefined;
    return row ? { ...readAction(row), idBoard: row.board_id } : null;
  }

  async changesSince(boardId: string, afterSeq: number, limit: number): Promise<BoardChange[]> {
    const rows = this.r("SELECT * FROM actions WHERE board_id = ? AND seq > ? ORDER BY seq LIMIT ?").all(
      boardId,
      afterSeq,
      limit,
    ) as unknown as ActionRow[];
    return rows.map(readChange);
  }

  async changeByMutation(memberId: string, mutationId: string): Promise<BoardChange | null> {
    const row = this.r("SELECT * FROM actions WHERE member_id = ? AND mutation_id = ?").get(
      memberId,
      mutationId,
    ) as ActionRow | undefined;
    return row ? readChange(row) : null;
  }

  async priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null> {
    const row = this.r("SELECT * FROM actions WHERE member_id = ? AND mutation_id = ?").get(
      memberId,
      mutationId,
    ) as ActionRow | undefined;
    return row ? readPriorMutation(row) : null;
  }

  async searchCards(
    boardIds: readonly string[],
    text: string,
    limit: number,
  ): Promise<BoardObjectOf["card"][]> {
    const rows = this.r(
      `SELECT doc FROM objects WHERE kind = 'card' AND closed = 0 AND board_id IN (SELECT value FROM json_each(?))
         AND (json_extract(doc, '$.name') LIKE ? ESCAPE '\\' OR json_extract(doc, '$.desc') LIKE ? ESCAPE '\\') LIMIT ?`,
    ).all(JSON.stringify(boardIds), likePattern(text), likePattern(text), limit) as Row[];
    return rows.map((r) => readObject("card", r.doc));
  }

  async searchBoards(boardIds: readonly string[], text: string, limit: number): Promise<Board[]> {
    const rows = this.r(
      `SELECT doc FROM boards WHERE id IN (SELECT value FROM json_each(?)) AND json_extract(doc, '$.name') LIKE ? ESCAPE '\\' LIMIT ?`,
    ).all(JSON.stringify(boardIds), likePattern(text), limit) as Row[];
    return rows.map((r) => readBoard(r.doc));
  }

  // Board writes

  /** Runs `work` after every earlier write, so async transactions never interleave on the writer. */
  private serialized<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.writeQueue.then(work, work);
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  transact<T>(
    boardId: string,
    fn: (tx: BoardTx) => Promise<T>,
    options: TransactOptions = {},
  ): Promise<{ result: T; changes: BoardChange[] }> {
    return this.serialized(async () => {
      this.writer.exec("BEGIN IMMEDIATE");
      try {
        let head: { board: Board; seq: number };
        if (options.create) {
          const board = options.create;
          this.w("INSERT INTO boards (id, short_link, org_id, seq, doc) VALUES (?, ?, ?, 0, ?)").run(
            board.id,
            board.shortLink,
            board.idOrganization,
            JSON.stringify(board),
          );
          head = { board, seq: 0 };
        } else {
          const row = this.w("SELECT doc, seq FROM boards WHERE id = ?").get(boardId) as Row | undefined;
          if (!row) throw new TackError(ErrorCode.notFound, "board not found");
          head = { board: readBoard(row.doc), seq: Number(row.seq) };
        }
        const tx = new SqliteBoardTx(this, boardId, head.board, head.seq);
        const result = await fn(tx);
        if (tx.removed) this.w("DELETE FROM boards WHERE id = ?").run(boardId);
        else
          this.w("UPDATE boards SET seq = ?, doc = ?, org_id = ? WHERE id = ?").run(
            tx.seq,
            JSON.stringify(tx.board()),
            tx.board().idOrganization,
            boardId,
          );
        this.writer.exec("COMMIT");
        return { result, changes: tx.changes };
      } catch (error) {
        this.writer.exec("ROLLBACK");
        if (isUniqueViolation(error) && /mutation_id/.test(String(error))) {
          throw new TackError(ErrorCode.conflict, "This mutation id was already used");
        }
        throw error;
      }
    });
  }

  async deleteBoard(boardId: string): Promise<void> {
    await this.serialized(() => {
      this.w("DELETE FROM boards WHERE id = ?").run(boardId);
      // Its placeholders (imported people with no login) belonged to it alone.
      this.w(
        "DELETE FROM members WHERE password_hash = '' AND json_extract(doc, '$.placeholder.idBoard') = ?",
      ).run(boardId);
    });
  }

  /** For the transaction class: a prepared statement on the writer connection. */
  writeStatement(sql: string): StatementSync {
    return this.w(sql);
  }
}

function tokenOf(row: Row): TokenRecord {
  return {
    id: String(row.id),
    tokenHash: String(row.token_hash),
    memberId: String(row.member_id),
    name: String(row.name),
    createdAt: String(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    lastUsed:
      row.last_used_at === null
        ? null
        : { at: Number(row.last_used_at), address: String(row.address), userAgent: String(row.user_agent) },
  };
}

function sessionOf(row: Row): SessionRecord {
  return {
    idHash: String(row.id_hash),
    memberId: String(row.member_id),
    csrfToken: String(row.csrf_token),
    expiresAt: Number(row.expires_at),
    createdAt: Number(row.created_at),
    lastUsed: {
      at: Number(row.last_used_at),
      address: String(row.address),
      userAgent: String(row.user_agent),
    },
  };
}

class SqliteBoardTx implements BoardTx {
  readonly changes: BoardChange[] = [];
  /** Set by `removeBoard`: the transaction ends by deleting the board instead of saving it. */
  removed = false;
  private current: Board;
  private readonly store: SqliteStore;
  readonly boardId: string;
  seq: number;

  constructor(store: SqliteStore, boardId: string, board: Board, seq: number) {
    this.store = store;
    this.boardId = boardId;
    this.current = board;
    this.seq = seq;
  }

  private s(sql: string): StatementSync {
    return this.store.writeStatement(sql);
  }

  board(): Board {
    return this.current;
  }

  async putBoard(board: Board): Promise<void> {
    this.current = board;
  }

  async removeBoard(): Promise<void> {
    this.removed = true;
  }

  async get<K extends BoardObjectKind>(kind: K, id: string): Promise<BoardObjectOf[K] | null> {
    const row = this.s("SELECT doc FROM objects WHERE id = ? AND kind = ? AND board_id = ?").get(
      id,
      kind,
      this.boardId,
    ) as Row | undefined;
    return row ? readObject(kind, row.doc) : null;
  }

  async children<K extends BoardObjectKind>(kind: K, parentId: string): Promise<BoardObjectOf[K][]> {
    const rows = this.s("SELECT doc FROM objects WHERE parent_id = ? AND kind = ? AND board_id = ?").all(
      parentId,
      kind,
      this.boardId,
    ) as Row[];
    return rows.map((r) => readObject(kind, r.doc));
  }

  async all<K extends BoardObjectKind>(kind: K): Promise<BoardObjectOf[K][]> {
    const rows = this.s("SELECT doc FROM objects WHERE board_id = ? AND kind = ?").all(
      this.boardId,
      kind,
    ) as Row[];
    return rows.map((r) => readObject(kind, r.doc));
  }

  async countOpen(kind: "card" | "list" | "attachment"): Promise<number> {
    const row = this.s(
      "SELECT count(*) AS n FROM objects WHERE board_id = ? AND kind = ? AND closed = 0",
    ).get(this.boardId, kind) as Row;
    return Number(row.n);
  }

  async put<K extends BoardObjectKind>(kind: K, doc: BoardObjectOf[K]): Promise<void> {
    this.s(
      `INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, closed = excluded.closed, doc = excluded.doc
       WHERE objects.board_id = excluded.board_id`,
    ).run(
      doc.id,
      this.boardId,
      kind,
      parentOf(kind, doc),
      shortLinkOf(kind, doc),
      closedOf(doc as { closed?: boolean }) ? 1 : 0,
      JSON.stringify(doc),
    );
  }

  async putAll<K extends BoardObjectKind>(kind: K, docs: readonly BoardObjectOf[K][]): Promise<void> {
    // In-process statements: a loop is already as fast as one statement would be.
    for (const doc of docs) await this.put(kind, doc);
  }

  async remove(kind: BoardObjectKind, id: string): Promise<void> {
    this.s("DELETE FROM objects WHERE id = ? AND kind = ? AND board_id = ?").run(id, kind, this.boardId);
  }

  async memberships(): Promise<Membership[]> {
    return (this.s("SELECT doc FROM board_members WHERE board_id = ?").all(this.boardId) as Row[]).map((r) =>
      json<Membership>(r.doc),
    );
  }

  async putMembership(m: Membership): Promise<void> {
    this.s(
      "INSERT INTO board_members (board_id, member_id, doc) VALUES (?, ?, ?) ON CONFLICT (board_id, member_id) DO UPDATE SET doc = excluded.doc",
    ).run(this.boardId, m.idMember, JSON.stringify(m));
  }

  async removeMembership(memberId: string): Promise<void> {
    this.s("DELETE FROM board_members WHERE board_id = ? AND member_id = ?").run(this.boardId, memberId);
  }

  async insertPlaceholders(members: readonly Member[]): Promise<void> {
    for (const member of members)
      this.s("INSERT INTO members (id, username, email, password_hash, doc) VALUES (?, ?, ?, '', ?)").run(
        member.id,
        member.username,
        placeholderEmail(member.id),
        JSON.stringify(member),
      );
  }

  async placeholder(memberId: string): Promise<Member | null> {
    const row = this.s(
      "SELECT doc FROM members WHERE id = ? AND password_hash = '' AND json_extract(doc, '$.placeholder.idBoard') = ?",
    ).get(memberId, this.boardId) as Row | undefined;
    return row ? json<Member>(row.doc) : null;
  }

  async putPlaceholder(member: Member): Promise<void> {
    this.s(
      "UPDATE members SET doc = ? WHERE id = ? AND password_hash = '' AND json_extract(doc, '$.placeholder.idBoard') = ?",
    ).run(JSON.stringify(member), member.id, this.boardId);
  }

  async moveActions(fromMemberId: string, toMemberId: string): Promise<number> {
    const result = this.s("UPDATE actions SET member_id = ? WHERE board_id = ? AND member_id = ?").run(
      toMemberId,
      this.boardId,
      fromMemberId,
    );
    return Number(result.changes);
  }

  async comment(actionId: string): Promise<Action | null> {
    const row = this.s(
      "SELECT id, board_id, seq, type, member_id, date, data FROM actions WHERE id = ? AND board_id = ? AND type = 'commentCard' AND hidden = 0",
    ).get(actionId, this.boardId) as ActionRow | undefined;
    return row ? readAction(row) : null;
  }

  async priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null> {
    const row = this.s("SELECT * FROM actions WHERE member_id = ? AND mutation_id = ?").get(
      memberId,
      mutationId,
    ) as ActionRow | undefined;
    return row ? readPriorMutation(row) : null;
  }

  async putCommentText(actionId: string, text: string): Promise<void> {
    this.s("UPDATE actions SET data = json_set(data, '$.text', ?) WHERE id = ? AND board_id = ?").run(
      text,
      actionId,
      this.boardId,
    );
    this.rewriteCommentEdits(actionId, text);
  }

  async removeComment(actionId: string): Promise<void> {
    this.s(
      "UPDATE actions SET hidden = 1, data = json_set(data, '$.text', '') WHERE id = ? AND board_id = ?",
    ).run(actionId, this.boardId);
    this.rewriteCommentEdits(actionId, "");
  }

  /** Earlier `updateComment` rows of a comment keep their place but carry only `text`, never an old one. */
  private rewriteCommentEdits(actionId: string, text: string): void {
    this.s(
      `UPDATE actions SET data = json_set(json_remove(data, '$.old'), '$.action.text', ?)
        WHERE board_id = ? AND type = 'updateComment' AND json_extract(data, '$.action.id') = ?`,
    ).run(text, this.boardId, actionId);
  }

  async enqueue(draft: OutboxDraft): Promise<void> {
    this.s("INSERT INTO outbox (board_id, topic, payload, created_at) VALUES (?, ?, ?, ?)").run(
      this.boardId,
      draft.topic,
      JSON.stringify(draft.payload),
      new Date().toISOString(),
    );
  }

  async recordAll(drafts: readonly ActionDraft[]): Promise<BoardChange[]> {
    const changes: BoardChange[] = [];
    for (const draft of drafts) changes.push(await this.record(draft));
    return changes;
  }

  async record(draft: ActionDraft): Promise<BoardChange> {
    const seq = this.seq + 1;
    const deleted = draft.deleted ?? [];
    this.s(
      `INSERT INTO actions (id, board_id, seq, type, member_id, card_id, date, data, models, deleted, mutation_id, mutation_kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      draft.id,
      this.boardId,
      seq,
      draft.type,
      draft.memberId,
      draft.cardId ?? null,
      draft.date,
      JSON.stringify(draft.data),
      JSON.stringify(draft.models),
      JSON.stringify(deleted),
      draft.mutationId ?? null,
      draft.mutationId ? (draft.mutationKind ?? null) : null,
    );
    // Counted only once the row is in: a failed insert the command catches must not leave a gap.
    this.seq = seq;
    const change: BoardChange = {
      board: this.boardId,
      seq,
      action: {
        id: draft.id,
        idMemberCreator: draft.memberId,
        type: draft.type,
        date: draft.date,
        data: draft.data,
        seq,
      },
      models: draft.models,
      deleted,
    };
    this.changes.push(change);
    return change;
  }
}
