// PostgreSQL schema, applied in order; `schema_migrations` records which versions a database has.
// Same tables as the SQLite schema: a JSONB document per row with the columns queries filter and
// sort on beside it. Timestamps stay ISO text, exactly as written, so both adapters read alike.
// Never edit a shipped migration: append a new one (workers of two versions share one database).
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE members (
    id text PRIMARY KEY,
    username text NOT NULL,
    email text NOT NULL,
    password_hash text NOT NULL,
    doc jsonb NOT NULL
  );
  CREATE UNIQUE INDEX members_username ON members (lower(username));
  CREATE UNIQUE INDEX members_email ON members (lower(email));
  CREATE TABLE sessions (
    id_hash text PRIMARY KEY,
    member_id text NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    expires_at bigint NOT NULL
  );
  CREATE INDEX sessions_member ON sessions (member_id);
  CREATE TABLE tokens (
    id text PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    member_id text NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    name text NOT NULL,
    created_at text NOT NULL
  );
  CREATE INDEX tokens_member ON tokens (member_id);
  CREATE TABLE organizations (
    id text PRIMARY KEY,
    name text NOT NULL,
    doc jsonb NOT NULL
  );
  CREATE UNIQUE INDEX organizations_name ON organizations (lower(name));
  CREATE TABLE organization_members (
    org_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    member_id text NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    role text NOT NULL,
    PRIMARY KEY (org_id, member_id)
  );
  CREATE INDEX organization_members_member ON organization_members (member_id);
  CREATE TABLE boards (
    id text PRIMARY KEY,
    short_link text NOT NULL UNIQUE,
    org_id text,
    seq bigint NOT NULL,
    doc jsonb NOT NULL
  );
  CREATE TABLE board_members (
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    member_id text NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    doc jsonb NOT NULL,
    PRIMARY KEY (board_id, member_id)
  );
  CREATE INDEX board_members_member ON board_members (member_id);
  CREATE TABLE objects (
    id text PRIMARY KEY,
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    kind text NOT NULL,
    parent_id text,
    short_link text UNIQUE,
    closed boolean NOT NULL DEFAULT false,
    doc jsonb NOT NULL
  );
  CREATE INDEX objects_board_kind ON objects (board_id, kind);
  CREATE INDEX objects_parent ON objects (parent_id, kind);
  CREATE TABLE actions (
    id text PRIMARY KEY,
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq bigint NOT NULL,
    type text NOT NULL,
    member_id text NOT NULL,
    card_id text,
    date text NOT NULL,
    data jsonb NOT NULL,
    models jsonb NOT NULL,
    deleted jsonb NOT NULL,
    mutation_id text,
    -- A deleted comment leaves the activity feed but stays in the change log, which has no gaps.
    hidden boolean NOT NULL DEFAULT false,
    UNIQUE (board_id, seq)
  );
  CREATE INDEX actions_card ON actions (card_id, seq);
  CREATE UNIQUE INDEX actions_mutation ON actions (member_id, mutation_id) WHERE mutation_id IS NOT NULL;
  `,
  // A mutation id names one kind of write: a replay of another kind is refused, not answered.
  // Deleted comments keep a tombstone without text, and no edit keeps the text it replaced (rows
  // written before this carried both).
  `ALTER TABLE actions ADD COLUMN mutation_kind text;
  UPDATE actions SET data = jsonb_set(data, '{text}', '""'::jsonb) WHERE type = 'commentCard' AND hidden;
  UPDATE actions u SET data = jsonb_set(u.data - 'old', '{action,text}',
      coalesce((SELECT c.data->'text' FROM actions c WHERE c.id = u.data->'action'->>'id' AND NOT c.hidden), '""'::jsonb))
    WHERE u.type = 'updateComment';`,
  // Sessions and tokens say where and when they were last used (the account page lists them),
  // tokens may expire; devices that logged in before keep their own login budget; password resets
  // are single-use tokens stored hashed.
  `
  ALTER TABLE sessions ADD COLUMN created_at bigint NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN last_used_at bigint NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN address text NOT NULL DEFAULT '';
  ALTER TABLE sessions ADD COLUMN user_agent text NOT NULL DEFAULT '';
  ALTER TABLE tokens ADD COLUMN expires_at bigint;
  ALTER TABLE tokens ADD COLUMN last_used_at bigint;
  ALTER TABLE tokens ADD COLUMN address text NOT NULL DEFAULT '';
  ALTER TABLE tokens ADD COLUMN user_agent text NOT NULL DEFAULT '';
  CREATE TABLE login_devices (
    id_hash text PRIMARY KEY,
    member_id text NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at bigint NOT NULL
  );
  CREATE TABLE password_resets (
    id_hash text PRIMARY KEY,
    member_id text NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    expires_at bigint NOT NULL
  );
  CREATE INDEX password_resets_member ON password_resets (member_id);
  `,
  // Sharing: pending invitations (by e-mail, single-use) and join links, tokens stored hashed; a
  // workspace's boards are looked up by workspace.
  `
  CREATE TABLE board_invitations (
    id text PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    kind text NOT NULL,
    email text,
    full_name text NOT NULL DEFAULT '',
    role text NOT NULL,
    invited_by text NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at bigint NOT NULL,
    expires_at bigint
  );
  CREATE INDEX board_invitations_board ON board_invitations (board_id);
  CREATE INDEX boards_org ON boards (org_id);
  `,
  // Notifications, watching, and the outbox that delivers after commit, with the lease that says
  // which worker delivers (docs/decisions/0024-notify-outbox.md).
  `
  CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    board_id text NOT NULL,
    topic text NOT NULL,
    payload jsonb NOT NULL,
    created_at text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    done boolean NOT NULL DEFAULT false
  );
  CREATE INDEX outbox_pending ON outbox (id) WHERE NOT done;
  CREATE TABLE leases (
    name text PRIMARY KEY,
    holder text NOT NULL,
    expires_at bigint NOT NULL
  );
  CREATE TABLE notifications (
    id text PRIMARY KEY,
    member_id text NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    card_id text,
    type text NOT NULL,
    date text NOT NULL,
    unread boolean NOT NULL DEFAULT true,
    member_creator text,
    data jsonb NOT NULL,
    idempotency_key text NOT NULL UNIQUE
  );
  CREATE INDEX notifications_member ON notifications (member_id, date);
  CREATE TABLE watches (
    member_id text NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    object_id text NOT NULL,
    kind text NOT NULL,
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    PRIMARY KEY (object_id, member_id)
  );
  CREATE INDEX watches_member ON watches (member_id);
  CREATE TABLE email_prefs (
    member_id text PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    mode text NOT NULL,
    unsubscribe_token text NOT NULL UNIQUE,
    digest_sent_at text
  );
  CREATE TABLE emails_sent (
    idempotency_key text PRIMARY KEY,
    member_id text NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    sent_at text NOT NULL
  );
  -- One row per reminder fired: (card, "soon:" or "overdue:" + the due date it was for).
  CREATE TABLE reminders_sent (
    card_id text NOT NULL,
    event text NOT NULL,
    PRIMARY KEY (card_id, event)
  );
  `,
  // Emoji reactions on comments: one row per comment, member and emoji (Trello's reactions API).
  `
  CREATE TABLE reactions (
    id text PRIMARY KEY,
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    action_id text NOT NULL,
    member_id text NOT NULL,
    unified text NOT NULL,
    native text NOT NULL,
    short_name text NOT NULL,
    date text NOT NULL,
    UNIQUE (action_id, member_id, unified)
  );
  CREATE INDEX reactions_board ON reactions (board_id);
  `,
  // Card text for search (store/postgres/search.ts): a trigram GIN index serving LIKE '%term%'.
  // pg_trgm is a trusted extension: a database owner may create it without superuser rights.
  `
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX objects_card_text ON objects
    USING gin ((lower(coalesce(doc->>'name', '') || chr(10) || coalesce(doc->>'desc', ''))) gin_trgm_ops)
    WHERE kind = 'card';
  `,
  // Delivered outbox entries are pruned after a retention period (done_at says since when), and
  // unread counts (pushed with every notification) read a partial index of unread rows.
  `
  ALTER TABLE outbox ADD COLUMN done_at text;
  CREATE INDEX outbox_done ON outbox (done_at) WHERE done;
  CREATE INDEX notifications_unread ON notifications (member_id) WHERE unread;
  `,
  // Webhooks (Trello's, owned by the API token that made them) and their deliveries, fanned out
  // from the outbox and sent in order per webhook with retries; the install's secrets
  // (docs/decisions/0028-webhooks-delivery.md).
  `
  CREATE TABLE webhooks (
    id text PRIMARY KEY,
    token_id text NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
    member_id text NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    id_model text NOT NULL,
    model_type text NOT NULL,
    description text NOT NULL,
    callback_url text NOT NULL,
    active boolean NOT NULL,
    consecutive_failures integer NOT NULL DEFAULT 0,
    first_consecutive_fail_date text,
    created_at text NOT NULL,
    UNIQUE (token_id, id_model, callback_url)
  );
  CREATE INDEX webhooks_model ON webhooks (id_model) WHERE active;
  CREATE TABLE webhook_deliveries (
    id bigserial PRIMARY KEY,
    webhook_id text NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    action_id text NOT NULL,
    board_id text NOT NULL,
    body text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_at bigint NOT NULL DEFAULT 0,
    done boolean NOT NULL DEFAULT false,
    delivered boolean NOT NULL DEFAULT false,
    UNIQUE (webhook_id, action_id)
  );
  CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (webhook_id, id) WHERE NOT done;
  CREATE TABLE install_secrets (
    name text PRIMARY KEY,
    value text NOT NULL
  );
  `,
  // Custom field definitions become board objects of their own (kind 'customField'), out of the
  // board document an import had put them in (docs/decisions/0030-custom-fields-data-layout.md).
  `INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc)
    SELECT f.value->>'id', b.id, 'customField', NULL, NULL, false, f.value
      FROM boards b, jsonb_array_elements(CASE WHEN jsonb_typeof(b.doc->'customFields') = 'array'
                                                THEN b.doc->'customFields' ELSE '[]'::jsonb END) f
    ON CONFLICT (id) DO NOTHING;
  UPDATE boards SET doc = doc - 'customFields' WHERE doc->'customFields' IS NOT NULL;`,
  // A board's actions of some types (the comments a board read asks for) are found by index, not
  // by scanning the board's whole history: a read's cost must not grow with the log.
  `CREATE INDEX actions_board_type ON actions (board_id, type, seq);`,
  // Invitations lead onto a board or into a workspace (decision 0033): exactly one of board_id, org_id.
  `
  ALTER TABLE board_invitations RENAME TO invitations;
  ALTER INDEX board_invitations_board RENAME TO invitations_board;
  ALTER TABLE invitations ALTER COLUMN board_id DROP NOT NULL;
  ALTER TABLE invitations ADD COLUMN org_id text REFERENCES organizations(id) ON DELETE CASCADE;
  ALTER TABLE invitations ADD CONSTRAINT invitations_one_target CHECK ((board_id IS NULL) <> (org_id IS NULL));
  CREATE INDEX invitations_org ON invitations (org_id);
  `,
  // A board's write version (decision 0039-board-objects-cache): every update of its row (which
  // every board transaction makes as it ends) moves it on, whichever worker version wrote it, so a
  // process's cached copy of the board's objects is proven current by one small read.
  `
  ALTER TABLE boards ADD COLUMN version bigint NOT NULL DEFAULT 0;
  CREATE FUNCTION boards_next_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN NEW.version := OLD.version + 1; RETURN NEW; END
  $$;
  CREATE TRIGGER boards_version BEFORE UPDATE ON boards FOR EACH ROW EXECUTE FUNCTION boards_next_version();
  `,
  // Card text for search moves out of the card's row into its own (decision 0047-card-text-apart):
  // an index on an expression of `doc` made every write of a card (every move) extract and insert
  // all of its text's trigrams again, a third of PostgreSQL's work per move. Triggers keep the
  // copy, so it is written when a card is made or its name or description changes, by any worker
  // version; the old index goes (an older worker's search still answers, from the board's cards).
  `
  CREATE TABLE card_texts (
    id text PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    text text NOT NULL
  );
  INSERT INTO card_texts (id, text)
    SELECT id, lower(coalesce(doc->>'name', '') || chr(10) || coalesce(doc->>'desc', '')) FROM objects
    WHERE kind = 'card';
  CREATE INDEX card_texts_trigrams ON card_texts USING gin (text gin_trgm_ops);
  CREATE FUNCTION card_texts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO card_texts (id, text)
        VALUES (NEW.id, lower(coalesce(NEW.doc->>'name', '') || chr(10) || coalesce(NEW.doc->>'desc', '')))
        ON CONFLICT (id) DO UPDATE SET text = excluded.text;
      RETURN NULL;
    END
  $$;
  CREATE TRIGGER card_texts_made AFTER INSERT ON objects FOR EACH ROW
    WHEN (NEW.kind = 'card') EXECUTE FUNCTION card_texts_keep();
  CREATE TRIGGER card_texts_edited AFTER UPDATE OF doc ON objects FOR EACH ROW
    WHEN (NEW.kind = 'card' AND (OLD.doc->'name' IS DISTINCT FROM NEW.doc->'name'
                                 OR OLD.doc->'desc' IS DISTINCT FROM NEW.doc->'desc'))
    EXECUTE FUNCTION card_texts_keep();
  DROP INDEX objects_card_text;
  `,
  // Each object row's write version (decision 0055-read-set-checked): the board version its last
  // write made, stamped by the flush. A transaction run on a stale copy of the board commits when
  // nothing it read was written since the copy's version. Rows from before this column read as 0
  // (older than any copy). A writer that does not stamp (an older worker in a rolling restart) gets
  // the largest version instead, on insert by the default and on update by the trigger: such a row
  // is taken as changed for every copy until a stamping write, never as unchanged when it is not.
  `
  ALTER TABLE objects ADD COLUMN version bigint NOT NULL DEFAULT 0;
  ALTER TABLE objects ALTER COLUMN version SET DEFAULT 9223372036854775807;
  CREATE FUNCTION objects_unstamped_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN NEW.version := 9223372036854775807; RETURN NEW; END
  $$;
  CREATE TRIGGER objects_unstamped BEFORE UPDATE ON objects FOR EACH ROW
    WHEN (NEW.version = OLD.version) EXECUTE FUNCTION objects_unstamped_write();
  `,
];
