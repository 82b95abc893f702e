// "My boards": every board the person may open. Starred first, then personal boards, then each of
// their workspaces (its boards they belong to and those visible to the whole workspace), then
// "Shared with me": boards they were invited to in workspaces they are not in. Create boards and
// workspaces.

import { slugify } from "@tack/shared/ids";
import { BACKGROUND_COLORS, type Organization } from "@tack/shared/models";
import type { FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/http.ts";
import { organizationBoards } from "../api/sharing.ts";
import * as api from "../api/trello.ts";
import { closeBoard } from "../model/open-board.ts";
import { me } from "../model/session.ts";
import { toast } from "../model/toasts.ts";
import { navigate } from "../router.ts";
import { ClosedBoards } from "./closed-boards.tsx";
import { backgroundCss } from "./colors.ts";
import { Dialog } from "./dialog.tsx";
import { Icon } from "./icons.tsx";
import { PendingClaims } from "./pending-claims.tsx";

type BoardTile = api.BoardSummary;

/** My role on a board, from the membership the boards list carries for me. */
function myRoleOn(board: BoardTile): string | null {
  const memberships = (board as { memberships?: Array<{ idMember: string; memberType: string }> })
    .memberships;
  return memberships?.find((m) => m.idMember === me.value?.id)?.memberType ?? null;
}
type ImportDialogType = FunctionComponent<{ onClose: () => void }>;

export function BoardsPage() {
  const [boards, setBoards] = useState<BoardTile[] | null>(null);
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [creating, setCreating] = useState<string | null | undefined>(undefined);
  // The import dialog is its own chunk: most visits to this page never open it.
  const [Importer, setImporter] = useState<ImportDialogType | null>(null);
  async function openImport() {
    try {
      const loaded = (await import("./import-dialog.tsx")).default;
      setImporter(() => loaded);
    } catch {
      toast("Could not load the import dialog: check your connection.", "error");
    }
  }

  async function refresh() {
    try {
      const [mine, organizations] = await Promise.all([
        api.myBoards(),
        api.myOrganizations().catch(() => []),
      ]);
      // Workspace-visible boards open to the person without a membership of their own.
      const visible = await Promise.all(
        organizations.map((o) => organizationBoards(o.id).catch(() => [] as BoardTile[])),
      );
      const byId = new Map(mine.map((b) => [b.id, b]));
      for (const board of visible.flat()) if (!byId.has(board.id) && !board.closed) byId.set(board.id, board);
      setBoards([...byId.values()].sort((a, b) => a.name.localeCompare(b.name)));
      setOrgs(organizations);
    } catch (error) {
      toast(error instanceof ApiError ? error.message : "Could not load your boards.", "error");
      setBoards([]);
    }
  }

  useEffect(() => {
    closeBoard();
    document.title = "Boards | Tack";
    void refresh();
  }, []);

  async function toggleStar(board: BoardTile) {
    setBoards((all) => all?.map((b) => (b.id === board.id ? { ...b, starred: !b.starred } : b)) ?? null);
    try {
      if (board.starred) await api.unstarBoard(board.id);
      else await api.starBoard(board.id);
      await refresh();
    } catch (error) {
      toast(`Could not change the star: ${error instanceof ApiError ? error.message : "error"}.`, "error");
      await refresh();
    }
  }

  async function newWorkspace(event: Event) {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem(
      "workspace",
    ) as HTMLInputElement;
    const name = input.value.trim();
    if (!name) return;
    try {
      await api.createOrganization(name);
      input.value = "";
      await refresh();
    } catch (error) {
      toast(
        `Could not create the workspace: ${error instanceof ApiError ? error.message : "error"}.`,
        "error",
      );
    }
  }

  if (!boards) return <main class="boards-page" aria-busy="true" />;
  const starred = boards.filter((b) => b.starred);
  const groups: Array<{ key: string; title: string; org: string | null; href?: string }> = [
    { key: "personal", title: "Your boards", org: null },
    ...orgs.map((o) => ({ key: o.id, title: o.displayName || o.name, org: o.id, href: `/w/${o.name}` })),
  ];
  const myOrgIds = new Set(orgs.map((o) => o.id));
  // Shared with me: boards of workspaces I am not in, and personal boards where someone else is
  // the admin (I was invited as a member or observer).
  const isShared = (b: BoardTile) =>
    b.idOrganization ? !myOrgIds.has(b.idOrganization) : myRoleOn(b) !== "admin";
  const shared = boards.filter(isShared);

  const tile = (b: BoardTile) => (
    <li key={b.id} class="board-tile" style={{ background: backgroundCss(b.prefs?.background, b.prefs) }}>
      <a class="board-tile-link" href={`/b/${b.shortLink || b.id}/${slugify(b.name)}`}>
        <span class="board-tile-name">{b.name}</span>
      </a>
      {/* A star is part of a membership: a workspace board one only reads has none. */}
      {myRoleOn(b) !== null && (
        <button
          type="button"
          class={`star-button ${b.starred ? "is-starred" : ""}`}
          aria-pressed={b.starred}
          aria-label={b.starred ? `Unstar ${b.name}` : `Star ${b.name}`}
          onClick={() => void toggleStar(b)}
        >
          <Icon name="star" filled={b.starred} />
        </button>
      )}
    </li>
  );

  return (
    <main class="boards-page">
      <PendingClaims onAccepted={() => void refresh()} />
      {starred.length > 0 && (
        <section aria-labelledby="starred-title">
          <h2 id="starred-title">
            <Icon name="star" filled /> Starred boards
          </h2>
          <ul class="board-grid">{starred.map(tile)}</ul>
        </section>
      )}
      {groups.map((g) => (
        <section key={g.key} aria-label={g.title}>
          <h2>{g.href ? <a href={g.href}>{g.title}</a> : g.title}</h2>
          <ul class="board-grid">
            {boards.filter((b) => (b.idOrganization ?? null) === g.org && !isShared(b)).map(tile)}
            <li class="board-tile board-tile-new">
              <button type="button" onClick={() => setCreating(g.org)}>
                Create new board
              </button>
            </li>
          </ul>
        </section>
      ))}
      {shared.length > 0 && (
        <section aria-labelledby="shared-title">
          <h2 id="shared-title">Shared with me</h2>
          <p class="section-note">Boards other people invited you to.</p>
          <ul class="board-grid">{shared.map(tile)}</ul>
        </section>
      )}
      <ClosedBoards onReopened={() => void refresh()} />
      <div class="import-action">
        <button type="button" class="button" onClick={() => void openImport()}>
          Import from Trello
        </button>
      </div>
      <form class="workspace-form" onSubmit={(e) => void newWorkspace(e)}>
        <label>
          New workspace
          <input name="workspace" placeholder="Workspace name" maxLength={100} />
        </label>
        <button type="submit" class="button">
          Create workspace
        </button>
      </form>
      {Importer && (
        <Importer
          onClose={() => {
            setImporter(null);
            void refresh();
          }}
        />
      )}
      {creating !== undefined && (
        <CreateBoardForm
          orgs={orgs}
          templates={(boards ?? []).filter((b) => b.prefs?.isTemplate)}
          idOrganization={creating}
          onClose={() => setCreating(undefined)}
        />
      )}
    </main>
  );
}

function CreateBoardForm(props: {
  orgs: Organization[];
  /** Template boards I can read: a new board can start as a copy of one (with its cards). */
  templates: BoardTile[];
  idOrganization: string | null;
  onClose: () => void;
}) {
  const [background, setBackground] = useState<string>("blue");
  const [busy, setBusy] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const name = String(form.get("name") ?? "").trim();
    const org = String(form.get("workspace") ?? "");
    const template = String(form.get("template") ?? "");
    if (!name) return;
    setBusy(true);
    try {
      const board = template
        ? await (await import("../api/transfer.ts")).copyBoardFrom(template, name, true, {
            ...(org ? { idOrganization: org } : {}),
          })
        : await api.createBoard(name, background, org || undefined);
      navigate(`/b/${board.shortLink || board.id}/${slugify(board.name)}`);
    } catch (error) {
      toast(`Could not create the board: ${error instanceof ApiError ? error.message : "error"}.`, "error");
      setBusy(false);
    }
  }
  return (
    <Dialog labelledBy="create-board-title" onClose={props.onClose} class="create-board">
      <form onSubmit={submit}>
        <h2 id="create-board-title">Create board</h2>
        <div class="create-board-preview" style={{ background: backgroundCss(background) }} />
        <fieldset class="swatches">
          <legend>Background</legend>
          {BACKGROUND_COLORS.map((c) => (
            <button
              type="button"
              key={c}
              class={`swatch ${c === background ? "is-selected" : ""}`}
              style={{ background: backgroundCss(c) }}
              aria-label={`Background ${c}`}
              aria-pressed={c === background}
              onClick={() => setBackground(c)}
            />
          ))}
        </fieldset>
        <label>
          Board title
          <input name="name" required autoFocus maxLength={16384} />
        </label>
        {props.templates.length > 0 && (
          <label>
            Start from
            <select name="template">
              <option value="">A blank board</option>
              {props.templates.map((t) => (
                <option key={t.id} value={t.id}>
                  Template: {t.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Workspace
          <select name="workspace">
            <option value="">No workspace (personal)</option>
            {props.orgs.map((o) => (
              <option key={o.id} value={o.id} selected={o.id === props.idOrganization}>
                {o.displayName || o.name}
              </option>
            ))}
          </select>
        </label>
        <div class="form-actions">
          <button class="button button-primary" type="submit" disabled={busy}>
            Create
          </button>
          <button class="button" type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
