// The board menu (a side panel): visibility and background, labels, members and roles (invite by
// username), archived items with restore, and the board's activity.
import {
  BACKGROUND_COLORS,
  BOARD_ROLES,
  type Card,
  type Label,
  type List,
  VISIBILITIES,
} from "@tack/shared/models";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/http.ts";
import * as api from "../api/trello.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { createLabel, plainWrite, setBoardPref, updateLabel } from "../model/board-edits.ts";
import { restoreCard } from "../model/card-edits.ts";
import { restoreList } from "../model/list-edits.ts";
import { boardMenuOpen } from "../model/selection.ts";
import { me } from "../model/session.ts";
import { toast } from "../model/toasts.ts";
import { Avatar } from "./avatar.tsx";
import { BoardAbout } from "./board-about.tsx";
import { BackgroundPicker } from "./board-background-picker.tsx";
import { BoardLifecycle } from "./board-lifecycle.tsx";
import { BASE_LABEL_COLORS, backgroundCss, labelCss } from "./colors.ts";
import { lazyComponent } from "./lazy.tsx";
import { PlaceholderClaimForm } from "./placeholder-claim-form.tsx";
import { WatchButton } from "./watch-button.tsx";

type Section =
  | "activity"
  | "settings"
  | "labels"
  | "fields"
  | "members"
  | "archived"
  | "about"
  | "background"
  | "more";

// The activity tab loads its code (and Trello's wording of every action) when first chosen.
const ActivityFeed = lazyComponent(() => import("./activity-feed.tsx").then((m) => m.ActivityFeed), {
  loading: <p class="muted" aria-busy="true" />,
  what: "the activity",
});

const CustomFieldsPanel = lazyComponent(
  () => import("./custom-fields-panel.tsx").then((m) => m.CustomFieldsPanel),
  { loading: <p class="muted" aria-busy="true" />, what: "the custom fields" },
);

export function BoardMenu({ cache }: { cache: BoardCache }) {
  const [section, setSection] = useState<Section>("settings");
  const tabs: Array<[Section, string]> = [
    ["settings", "Settings"],
    ["members", "Members"],
    ["labels", "Labels"],
    ["fields", "Custom fields"],
    ["archived", "Archived items"],
    ["activity", "Activity"],
    ["about", "About"],
    ["background", "Change background"],
    ["more", "More"],
  ];
  return (
    <aside
      class="board-menu"
      aria-label="Board menu"
      onKeyDown={(e) => {
        if (e.key === "Escape") boardMenuOpen.value = false;
      }}
    >
      <div class="popover-title">
        <h2>Menu</h2>
        <button
          type="button"
          class="icon-button"
          aria-label="Close menu"
          onClick={() => (boardMenuOpen.value = false)}
        >
          ×
        </button>
      </div>
      <WatchButton cache={cache} kind="board" id={cache.id} />
      <div class="menu-tabs" role="tablist">
        {tabs.map(([key, text]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={section === key}
            class={section === key ? "is-active" : ""}
            onClick={() => setSection(key)}
          >
            {text}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {section === "settings" && <SettingsSection cache={cache} />}
        {section === "members" && <MembersSection cache={cache} />}
        {section === "labels" && <LabelsSection cache={cache} />}
        {section === "fields" && <CustomFieldsPanel cache={cache} />}
        {section === "archived" && <ArchivedSection cache={cache} />}
        {section === "activity" && <ActivityFeed cache={cache} />}
        {section === "about" && <BoardAbout cache={cache} />}
        {section === "background" && <BackgroundPicker cache={cache} />}
        {section === "more" && <BoardLifecycle cache={cache} />}
      </div>
    </aside>
  );
}

function SettingsSection({ cache }: { cache: BoardCache }) {
  const board = cache.board.value;
  return (
    <>
      <label>
        Visibility
        <select
          value={board.prefs.permissionLevel}
          onChange={(e) =>
            void setBoardPref(cache, "permissionLevel", (e.currentTarget as HTMLSelectElement).value)
          }
        >
          {VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {v === "org" ? "Workspace" : v[0]!.toUpperCase() + v.slice(1)}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="swatches">
        <legend>Background color</legend>
        {BACKGROUND_COLORS.map((c) => (
          <button
            type="button"
            key={c}
            class={`swatch ${board.prefs.background === c ? "is-selected" : ""}`}
            style={{ background: backgroundCss(c) }}
            aria-label={`Background ${c}`}
            aria-pressed={board.prefs.background === c}
            onClick={() => void setBoardPref(cache, "background", c)}
          />
        ))}
      </fieldset>
    </>
  );
}

function MembersSection({ cache }: { cache: BoardCache }) {
  const [username, setUsername] = useState("");
  const members = cache.members.value;
  const memberships = cache.memberships.value;
  const amAdmin = memberships.some((m) => m.idMember === me.value?.id && m.memberType === "admin");

  async function invite(event: Event) {
    event.preventDefault();
    const name = username.trim().replace(/^@/, "");
    if (!name) return;
    try {
      const member = await api.memberByUsername(name);
      if (await plainWrite(`add ${name}`, () => api.setBoardMember(cache.id, member.id, "normal"))) {
        setUsername("");
        toast(`${member.fullName || member.username} was added to the board.`);
      }
    } catch (error) {
      toast(
        error instanceof ApiError && error.status === 404
          ? `There is no member named “${name}”.`
          : `Could not add ${name}.`,
        "error",
      );
    }
  }

  return (
    <>
      <form class="invite-form" onSubmit={invite}>
        <label>
          Invite by username
          <input
            value={username}
            placeholder="username"
            onInput={(e) => setUsername((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="button button-primary">
          Invite
        </button>
      </form>
      <ul class="member-rows">
        {memberships.map((m) => {
          const member = members.get(m.idMember);
          return (
            <li key={m.id} class={member?.placeholder ? "member-row member-row-placeholder" : "member-row"}>
              <Avatar member={member} />
              <span class="member-row-name">
                {member?.fullName ?? m.idMember}
                <span class="muted">
                  {member?.placeholder ? " (imported, no account yet)" : ` @${member?.username}`}
                </span>
              </span>
              <select
                aria-label={`Role of ${member?.fullName ?? m.idMember}`}
                value={m.memberType}
                disabled={!amAdmin}
                onChange={(e) =>
                  void plainWrite("change the role", () =>
                    api.setBoardMember(cache.id, m.idMember, (e.currentTarget as HTMLSelectElement).value),
                  )
                }
              >
                {BOARD_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r[0]!.toUpperCase() + r.slice(1)}
                  </option>
                ))}
              </select>
              {amAdmin && member?.placeholder && (
                <PlaceholderClaimForm boardId={cache.id} placeholderId={m.idMember} name={member.fullName} />
              )}
              {(amAdmin || m.idMember === me.value?.id) && (
                <button
                  type="button"
                  class="icon-button"
                  aria-label={`Remove ${member?.fullName ?? m.idMember} from the board`}
                  onClick={() =>
                    confirm("Remove this member from the board?") &&
                    void plainWrite("remove the member", () => api.removeBoardMember(cache.id, m.idMember))
                  }
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function LabelsSection({ cache }: { cache: BoardCache }) {
  const [name, setName] = useState("");
  const [color, setColor] = useState<string>("green");
  return (
    <>
      <ul class="label-rows">
        {cache.labels.value.map((l) => (
          <LabelRow key={l.id} cache={cache} label={l} />
        ))}
      </ul>
      <form
        class="label-form"
        onSubmit={(e) => {
          e.preventDefault();
          setName("");
          void createLabel(cache, name.trim(), color as Label["color"]);
        }}
      >
        <label>
          New label name
          <input value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <ColorChoice value={color} onChange={setColor} />
        <button type="submit" class="button button-primary">
          Create label
        </button>
      </form>
    </>
  );
}

function ColorChoice({ value, onChange }: { value: string; onChange: (c: string) => void }) {
  return (
    <fieldset class="swatches">
      <legend>Color</legend>
      {BASE_LABEL_COLORS.map((c) => (
        <button
          type="button"
          key={c}
          class={`swatch swatch-small ${value === c ? "is-selected" : ""}`}
          style={{ background: labelCss(c) }}
          aria-label={`Color ${c}`}
          aria-pressed={value === c}
          onClick={() => onChange(c)}
        />
      ))}
    </fieldset>
  );
}

function LabelRow({ cache, label }: { cache: BoardCache; label: Label }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(label.name);
  const [color, setColor] = useState<string>(label.color ?? "green");
  if (!editing) {
    return (
      <li class="label-row">
        <span class="label-chip label-chip-wide" style={{ background: labelCss(label.color) }}>
          {label.name || "\u00a0"}
        </span>
        <button
          type="button"
          class="button"
          aria-label={`Edit label ${label.name || label.color}`}
          onClick={() => setEditing(true)}
        >
          Edit
        </button>
      </li>
    );
  }
  return (
    <li class="label-row">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setEditing(false);
          void updateLabel(cache, label, { name, color: color as Label["color"] });
        }}
      >
        <label>
          Name
          <input
            value={name}
            autoFocus
            onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <ColorChoice value={color} onChange={setColor} />
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            Save
          </button>
          <button
            type="button"
            class="button side-button-danger"
            onClick={() =>
              confirm("Delete this label from every card?") &&
              void plainWrite("delete the label", () => api.deleteLabel(label.id))
            }
          >
            Delete
          </button>
        </div>
      </form>
    </li>
  );
}

function ArchivedSection({ cache }: { cache: BoardCache }) {
  const [cards, setCards] = useState<Card[] | null>(null);
  const [lists, setLists] = useState<List[]>([]);
  const seq = cache.seq;
  useEffect(() => {
    void Promise.all([api.closedCards(cache.id), api.closedLists(cache.id)])
      .then(([c, l]) => {
        setCards(c);
        setLists(l);
      })
      .catch(() => setCards([]));
  }, [seq]);
  // The cache knows about items archived since the board loaded; the server about older ones.
  const closedCards = new Map<string, Card>();
  for (const c of cards ?? []) closedCards.set(c.id, cache.card(c.id) ?? c);
  for (const c of cache.allCards()) if (c.closed) closedCards.set(c.id, c);
  const closedLists = new Map<string, List>();
  for (const l of lists) closedLists.set(l.id, cache.list(l.id) ?? l);
  for (const l of cache.allLists()) if (l.closed) closedLists.set(l.id, l);
  const cardRows = [...closedCards.values()].filter((c) => c.closed);
  const listRows = [...closedLists.values()].filter((l) => l.closed);
  if (cards === null) return <p class="muted">Loading…</p>;
  return (
    <>
      <h3>Cards</h3>
      {cardRows.length === 0 && <p class="muted">No archived cards.</p>}
      <ul class="archived-rows">
        {cardRows.map((c) => (
          <li key={c.id}>
            <span>{c.name}</span>
            <button type="button" class="button" onClick={() => void restoreCard(cache, c)}>
              Restore
            </button>
          </li>
        ))}
      </ul>
      <h3>Lists</h3>
      {listRows.length === 0 && <p class="muted">No archived lists.</p>}
      <ul class="archived-rows">
        {listRows.map((l) => (
          <li key={l.id}>
            <span>{l.name}</span>
            <button type="button" class="button" onClick={() => void restoreList(cache, l)}>
              Restore
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
