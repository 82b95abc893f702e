// The strip above the lists: name, star, visibility, view switcher, filters, share, menu, connection state.
import { useState } from "preact/hooks";
import * as api from "../api/trello.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { renameBoard } from "../model/board-edits.ts";
import { filterActive } from "../model/filters.ts";
import { boardMenuOpen, filterOpen } from "../model/selection.ts";
import { toast } from "../model/toasts.ts";
import { Avatar } from "./avatar.tsx";
import { ViewSwitcher } from "./board-views.tsx";
import { BodyLayer } from "./body-layer.tsx";
import { ConnectionIndicator } from "./connection-indicator.tsx";
import { FilterPanel } from "./filter-panel.tsx";
import { FilterSummary } from "./filter-summary.tsx";
import { Icon } from "./icons.tsx";
import { InlineEdit } from "./inline-edit.tsx";
import { lazyComponent } from "./lazy.tsx";
import { LazyFailureDialog } from "./lazy-failure-dialog.tsx";

// Sharing is opened now and then, not on every board visit: its code loads on the first click.
const ShareDialog = lazyComponent(() => import("./share-dialog.tsx").then((m) => m.ShareDialog), {
  loading: <div class="dialog-backdrop" aria-busy="true" />,
  what: "the share dialog",
  failed: ({ onClose }, message) => <LazyFailureDialog message={message} onClose={onClose} />,
});

const VISIBILITY_TEXT = { private: "Private", org: "Workspace", public: "Public" } as const;

export function BoardHeader({ cache }: { cache: BoardCache }) {
  const board = cache.board.value;
  const memberships = cache.memberships.value;
  const members = cache.members.value;
  // The board read says whether this viewer starred it (a per-person field beside the board's own).
  const [starred, setStarred] = useState<boolean>((board as { starred?: boolean }).starred === true);
  const [sharing, setSharing] = useState(false);

  async function toggleStar() {
    setStarred(!starred);
    try {
      if (starred) await api.unstarBoard(cache.id);
      else await api.starBoard(cache.id);
    } catch {
      setStarred(starred);
      toast("Could not change the star.", "error");
    }
  }

  return (
    <div class="board-header">
      <h1 class="board-title">
        <InlineEdit value={board.name} label="Board name" onSave={(name) => void renameBoard(cache, name)} />
      </h1>
      <button
        type="button"
        class={`header-button star-button ${starred ? "is-starred" : ""}`}
        aria-pressed={starred}
        aria-label={starred ? "Unstar board" : "Star board"}
        onClick={() => void toggleStar()}
      >
        <Icon name="star" filled={starred} />
      </button>
      <span class="header-chip" title="Visibility">
        {VISIBILITY_TEXT[board.prefs.permissionLevel] ?? board.prefs.permissionLevel}
      </span>
      <span class="board-members">
        {memberships.slice(0, 8).map((m) => (
          <Avatar key={m.id} member={members.get(m.idMember)} size="sm" />
        ))}
      </span>
      <ViewSwitcher board={board} />
      <button type="button" class="header-button" onClick={() => setSharing(true)}>
        Share
      </button>
      {/* The header's backdrop filter would clip a fixed dialog inside it: render it at the body. */}
      {sharing && (
        <BodyLayer>
          <ShareDialog cache={cache} onClose={() => setSharing(false)} />
        </BodyLayer>
      )}
      <div class="header-spacer" />
      <ConnectionIndicator />
      <div class="filter-anchor">
        <button
          type="button"
          class={`header-button ${filterActive.value ? "is-active" : ""}`}
          aria-expanded={filterOpen.value}
          onClick={() => (filterOpen.value = !filterOpen.value)}
        >
          Filter
        </button>
        {filterOpen.value && <FilterPanel cache={cache} />}
      </div>
      <FilterSummary cache={cache} />
      <button
        type="button"
        class="header-button"
        aria-expanded={boardMenuOpen.value}
        onClick={() => (boardMenuOpen.value = !boardMenuOpen.value)}
      >
        <Icon name="dots" /> Menu
      </button>
    </div>
  );
}
