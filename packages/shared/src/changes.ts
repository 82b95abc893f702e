// A change is what one committed action did to a board: the action record (with the board's
// sequence number) plus the full new state of every model it touched and the ids it removed.
// It is what the server pushes, what the recent-change list holds, what the durable action log
// replays, and what the client cache applies. Models are whole documents, not diffs, so applying
// a change twice is harmless (idempotent) and order only matters between changes of one board.
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

export interface ChangedModels {
  board?: Board;
  lists?: List[];
  cards?: Card[];
  labels?: Label[];
  checklists?: Checklist[];
  attachments?: Attachment[];
  customFields?: CustomField[];
  memberships?: Membership[];
  /** Member profiles referenced by the change (a new board member, an action's creator). */
  members?: Member[];
}

export const DELETABLE_KINDS = [
  "board",
  "list",
  "card",
  "label",
  "checklist",
  "attachment",
  "customField",
  "membership",
  "comment",
] as const;
export type DeletableKind = (typeof DELETABLE_KINDS)[number];

export interface DeletedRef {
  kind: DeletableKind;
  id: string;
}

export interface BoardChange {
  board: string;
  seq: number;
  action: Action;
  models: ChangedModels;
  deleted: DeletedRef[];
}
