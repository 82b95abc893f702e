// A normalized copy of one board, and the one function that applies a change to it. The web
// client's model cache and the tests' model of "what a client should see" both use this, so the
// client and server can never disagree about what a change means.
import type { BoardChange } from "./changes.ts";
import type {
  Action,
  Attachment,
  Board,
  Card,
  Checklist,
  CustomField,
  Label,
  List,
  Member,
  Membership,
} from "./models.ts";

export interface BoardState {
  board: Board;
  seq: number;
  lists: Map<string, List>;
  cards: Map<string, Card>;
  labels: Map<string, Label>;
  checklists: Map<string, Checklist>;
  attachments: Map<string, Attachment>;
  customFields: Map<string, CustomField>;
  memberships: Map<string, Membership>;
  members: Map<string, Member>;
  /** Newest first; comments live here (Trello keeps comments only as actions). */
  actions: Action[];
}

export interface BoardSnapshot {
  board: Board;
  seq: number;
  lists: List[];
  cards: Card[];
  labels: Label[];
  checklists: Checklist[];
  attachments: Attachment[];
  /** Absent in a local copy saved before custom fields were stored apart from the board. */
  customFields?: CustomField[];
  memberships: Membership[];
  members: Member[];
  actions: Action[];
}

const byId = <T extends { id: string }>(items: readonly T[]): Map<string, T> =>
  new Map(items.map((i) => [i.id, i]));

export function stateFromSnapshot(s: BoardSnapshot): BoardState {
  return {
    board: s.board,
    seq: s.seq,
    lists: byId(s.lists),
    cards: byId(s.cards),
    labels: byId(s.labels),
    checklists: byId(s.checklists),
    attachments: byId(s.attachments),
    customFields: byId(s.customFields ?? []),
    memberships: byId(s.memberships),
    members: byId(s.members),
    actions: [...s.actions],
  };
}

const ACTION_HISTORY = 1000;

/**
 * Applies one change. Returns false (and changes nothing) when the change is not the next one:
 * the caller must then catch up or reload, never guess.
 */
export function applyChange(state: BoardState, change: BoardChange): boolean {
  if (change.seq <= state.seq) return true; // already applied: idempotent
  if (change.seq !== state.seq + 1) return false;
  const m = change.models;
  if (m.board) state.board = m.board;
  for (const x of m.lists ?? []) state.lists.set(x.id, x);
  for (const x of m.cards ?? []) state.cards.set(x.id, x);
  for (const x of m.labels ?? []) state.labels.set(x.id, x);
  for (const x of m.checklists ?? []) state.checklists.set(x.id, x);
  for (const x of m.attachments ?? []) state.attachments.set(x.id, x);
  for (const x of m.customFields ?? []) state.customFields.set(x.id, x);
  for (const x of m.memberships ?? []) state.memberships.set(x.id, x);
  for (const x of m.members ?? []) state.members.set(x.id, x);
  for (const ref of change.deleted) {
    switch (ref.kind) {
      case "board":
        break; // the caller drops the whole state
      case "list":
        state.lists.delete(ref.id);
        break;
      case "card":
        state.cards.delete(ref.id);
        break;
      case "label":
        state.labels.delete(ref.id);
        break;
      case "checklist":
        state.checklists.delete(ref.id);
        break;
      case "attachment":
        state.attachments.delete(ref.id);
        break;
      case "customField":
        state.customFields.delete(ref.id);
        break;
      case "membership":
        state.memberships.delete(ref.id);
        break;
      case "comment":
        state.actions = state.actions.filter((a) => a.id !== ref.id);
        break;
    }
  }
  if (change.action.type === "updateComment") {
    const edited = change.action.data.action as { id?: string; text?: string } | undefined;
    state.actions = state.actions.map((a) =>
      a.id === edited?.id ? { ...a, data: { ...a.data, text: edited.text } } : a,
    );
  }
  state.actions.unshift(change.action);
  if (state.actions.length > ACTION_HISTORY) state.actions.length = ACTION_HISTORY;
  state.seq = change.seq;
  return true;
}
