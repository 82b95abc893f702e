// SQLite schema, applied in order; `user_version` records how far a database has come.
// Documents are JSON text; the columns beside them are what queries filter and sort on.
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE members (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_member ON sessions(member_id);
  CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX tokens_member ON tokens(member_id);
  CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    doc TEXT NOT NULL
  );
  CREATE TABLE organization_members (
    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (org_id, member_id)
  );
  CREATE INDEX organization_members_member ON organization_members(member_id);
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    short_link TEXT NOT NULL UNIQUE,
    org_id TEXT,
    seq INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE TABLE board_members (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    doc TEXT NOT NULL,
    PRIMARY KEY (board_id, member_id)
  );
  CREATE INDEX board_members_member ON board_members(member_id);
  CREATE TABLE objects (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    parent_id TEXT,
    short_link TEXT UNIQUE,
    closed INTEGER NOT NULL DEFAULT 0,
    doc TEXT NOT NULL
  );
  CREATE INDEX objects_board_kind ON objects(board_id, kind);
  CREATE INDEX objects_parent ON objects(parent_id, kind);
  CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    member_id TEXT NOT NULL,
    card_id TEXT,
    date TEXT NOT NULL,
    data TEXT NOT NULL,
    models TEXT NOT NULL,
    deleted TEXT NOT NULL,
    mutation_id TEXT,
    -- A deleted comment leaves the activity feed but stays in the change log, which has no gaps.
    hidden INTEGER NOT NULL DEFAULT 0,
    UNIQUE (board_id, seq)
  );
  CREATE INDEX actions_card ON actions(card_id, seq);
  CREATE UNIQUE INDEX actions_mutation ON actions(member_id, mutation_id) WHERE mutation_id IS NOT NULL;
  `,
  // A mutation id names one kind of write: a replay of another kind is refused, not answered.
  // Deleted comments keep a tombstone without text, and no edit keeps the text it replaced (rows
  // written before this carried both).
  `ALTER TABLE actions ADD COLUMN mutation_kind TEXT;
  UPDATE actions SET data = json_set(data, '$.text', '') WHERE type = 'commentCard' AND hidden = 1;
  UPDATE actions SET data = json_set(json_remove(data, '$.old'), '$.action.text',
      coalesce((SELECT json_extract(c.data, '$.text') FROM actions c
                 WHERE c.id = json_extract(actions.data, '$.action.id') AND c.hidden = 0), ''))
    WHERE type = 'updateComment';`,
  // Sessions and tokens say where and when they were last used (the account page lists them),
  // tokens may expire; devices that logged in before keep their own login budget; password resets
  // are single-use tokens stored hashed.
  `
  ALTER TABLE sessions ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
  ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
  ALTER TABLE tokens ADD COLUMN expires_at INTEGER;
  ALTER TABLE tokens ADD COLUMN last_used_at INTEGER;
  ALTER TABLE tokens ADD COLUMN address TEXT NOT NULL DEFAULT '';
  ALTER TABLE tokens ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
  CREATE TABLE login_devices (
    id_hash TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE password_resets (
    id_hash TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX password_resets_member ON password_resets(member_id);
  `,
  // Sharing: pending invitations (by e-mail, single-use) and join links, tokens stored hashed; a
  // workspace's boards are looked up by workspace.
  `
  CREATE TABLE board_invitations (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    email TEXT,
    full_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER
  );
  CREATE INDEX board_invitations_board ON board_invitations(board_id);
  CREATE INDEX boards_org ON boards(org_id);
  `,
  // Notifications, watching, and the outbox that delivers after commit, with the lease that says
  // which process delivers (docs/decisions/0024-notify-outbox.md).
  `
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX outbox_pending ON outbox(id) WHERE done = 0;
  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    card_id TEXT,
    type TEXT NOT NULL,
    date TEXT NOT NULL,
    unread INTEGER NOT NULL DEFAULT 1,
    member_creator TEXT,
    data TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE
  );
  CREATE INDEX notifications_member ON notifications(member_id, date);
  CREATE TABLE watches (
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    object_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    PRIMARY KEY (object_id, member_id)
  );
  CREATE INDEX watches_member ON watches(member_id);
  CREATE TABLE email_prefs (
    member_id TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    mode TEXT NOT NULL,
    unsubscribe_token TEXT NOT NULL UNIQUE,
    digest_sent_at TEXT
  );
  CREATE TABLE emails_sent (
    idempotency_key TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    sent_at TEXT NOT NULL
  );
  -- One row per reminder fired: (card, "soon:" or "overdue:" + the due date it was for).
  CREATE TABLE reminders_sent (
    card_id TEXT NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (card_id, event)
  );
  `,
  // Emoji reactions on comments: one row per comment, member and emoji (Trello's reactions API).
  `
  CREATE TABLE reactions (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    action_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    unified TEXT NOT NULL,
    native TEXT NOT NULL,
    short_name TEXT NOT NULL,
    date TEXT NOT NULL,
    UNIQUE (action_id, member_id, unified)
  );
  CREATE INDEX reactions_board ON reactions(board_id);
  `,
  // Card text for search (store/sqlite/search.ts): an FTS5 trigram index keyed by the card row's
  // rowid, filled from the existing cards and kept by triggers on every card write.
  `
  CREATE VIRTUAL TABLE card_text USING fts5(text, tokenize = 'trigram');
  INSERT INTO card_text (rowid, text)
    SELECT rowid, coalesce(json_extract(doc, '$.name'), '') || char(10) || coalesce(json_extract(doc, '$.desc'), '')
    FROM objects WHERE kind = 'card';
  CREATE TRIGGER card_text_insert AFTER INSERT ON objects WHEN new.kind = 'card' BEGIN
    INSERT INTO card_text (rowid, text) VALUES (new.rowid,
      coalesce(json_extract(new.doc, '$.name'), '') || char(10) || coalesce(json_extract(new.doc, '$.desc'), ''));
  END;
  CREATE TRIGGER card_text_update AFTER UPDATE OF doc ON objects WHEN new.kind = 'card' BEGIN
    DELETE FROM card_text WHERE rowid = old.rowid;
    INSERT INTO card_text (rowid, text) VALUES (new.rowid,
      coalesce(json_extract(new.doc, '$.name'), '') || char(10) || coalesce(json_extract(new.doc, '$.desc'), ''));
  END;
  CREATE TRIGGER card_text_delete AFTER DELETE ON objects WHEN old.kind = 'card' BEGIN
    DELETE FROM card_text WHERE rowid = old.rowid;
  END;
  `,
  // Delivered outbox entries are pruned after a retention period (done_at says since when), and
  // unread counts (pushed with every notification) read a partial index of unread rows.
  `
  ALTER TABLE outbox ADD COLUMN done_at TEXT;
  CREATE INDEX outbox_done ON outbox(done_at) WHERE done = 1;
  CREATE INDEX notifications_unread ON notifications(member_id) WHERE unread = 1;
  `,
  // Webhooks (Trello's, owned by the API token that made them) and their deliveries, fanned out
  // from the outbox and sent in order per webhook with retries; the install's secrets
  // (docs/decisions/0028-webhooks-delivery.md).
  `
  CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    token_id TEXT NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    id_model TEXT NOT NULL,
    model_type TEXT NOT NULL,
    description TEXT NOT NULL,
    callback_url TEXT NOT NULL,
    active INTEGER NOT NULL,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    first_consecutive_fail_date TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (token_id, id_model, callback_url)
  );
  CREATE INDEX webhooks_model ON webhooks(id_model) WHERE active = 1;
  CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    action_id TEXT NOT NULL,
    board_id TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    delivered INTEGER NOT NULL DEFAULT 0,
    UNIQUE (webhook_id, action_id)
  );
  CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(webhook_id, id) WHERE done = 0;
  CREATE TABLE install_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // Custom field definitions become board objects of their own (kind 'customField'), out of the
  // board document an import had put them in (docs/decisions/0030-custom-fields-data-layout.md).
  `INSERT OR IGNORE INTO objects (id, board_id, kind, parent_id, short_link, closed, doc)
    SELECT json_extract(f.value, '$.id'), b.id, 'customField', NULL, NULL, 0, json(f.value)
      FROM boards b, json_each(b.doc, '$.customFields') f
      WHERE json_type(b.doc, '$.customFields') = 'array';
  UPDATE boards SET doc = json_remove(doc, '$.customFields') WHERE json_type(doc, '$.customFields') IS NOT NULL;`,
  // A board's actions of some types (the comments a board read asks for) are found by index, not
  // by scanning the board's whole history: a read's cost must not grow with the log.
  `CREATE INDEX actions_board_type ON actions(board_id, type, seq);`,
  // Invitations lead onto a board or into a workspace (decision 0033): exactly one of board_id, org_id.
  // SQLite cannot drop NOT NULL, so the table is rebuilt under its new name.
  `
  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    board_id TEXT REFERENCES boards(id) ON DELETE CASCADE,
    org_id TEXT REFERENCES organizations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    email TEXT,
    full_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    CHECK ((board_id IS NULL) <> (org_id IS NULL))
  );
  INSERT INTO invitations (id, token_hash, board_id, kind, email, full_name, role, invited_by, created_at, expires_at)
    SELECT id, token_hash, board_id, kind, email, full_name, role, invited_by, created_at, expires_at
    FROM board_invitations;
  DROP TABLE board_invitations;
  CREATE INDEX invitations_board ON invitations(board_id);
  CREATE INDEX invitations_org ON invitations(org_id);
  `,
  // A board's write version (decision 0039-board-objects-cache), moved on by every board
  // transaction, so the cached copy of the board's objects is proven current by one small read.
  `ALTER TABLE boards ADD COLUMN version INTEGER NOT NULL DEFAULT 0;`,
  // A card's text is indexed again only when its name or description changed, not on every write
  // of the card (a move rewrote its trigrams: decision 0047-card-text-apart).
  `
  DROP TRIGGER card_text_update;
  CREATE TRIGGER card_text_update AFTER UPDATE OF doc ON objects
    WHEN new.kind = 'card'
      AND (json_extract(old.doc, '$.name') IS NOT json_extract(new.doc, '$.name')
        OR json_extract(old.doc, '$.desc') IS NOT json_extract(new.doc, '$.desc'))
  BEGIN
    DELETE FROM card_text WHERE rowid = old.rowid;
    INSERT INTO card_text (rowid, text) VALUES (new.rowid,
      coalesce(json_extract(new.doc, '$.name'), '') || char(10) || coalesce(json_extract(new.doc, '$.desc'), ''));
  END;
  `,
];
