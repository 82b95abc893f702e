// What an import will write, worked out in full before the transaction opens: the transaction then
// only writes (quickly, holding the board's lock for as little as possible), and every refusal
// (a bad field, a limit) happens before anything is written.
import type {
  Attachment,
  Board,
  Card,
  Checklist,
  CustomField,
  Label,
  List,
  Member,
  Membership,
} from "@tack/shared/models";
import type { ImportCounts, ImportWarning, ImportWarningCode } from "@tack/shared/trello-export";
import type { ActionDraft } from "../store/store.ts";
import type { IdMap } from "./id-map.ts";
import type { TrelloPerson } from "./member-map.ts";
import { newPlaceholder } from "./placeholders.ts";

export interface ImportPlan {
  board: Board;
  /** People from the export who are not the importer: created with the board, members of it. */
  placeholders: Member[];
  memberships: Membership[];
  members: Member[];
  labels: Label[];
  lists: List[];
  cards: Card[];
  checklists: Checklist[];
  attachments: Attachment[];
  /** The board's custom field definitions (values are on the cards). */
  customFields: CustomField[];
  /** Trello's activity, oldest first: it gets the board's first sequence numbers. */
  history: ActionDraft[];
  /** The data of the import's own action, recorded last. */
  importData: Record<string, unknown>;
  warnings: ImportWarning[];
  counts: ImportCounts;
}

/** What every planning step shares. */
export interface PlanContext {
  readonly ids: IdMap;
  readonly boardId: string;
  readonly importerId: string;
  readonly now: string;
  readonly nowMs: number;
  readonly people: ReadonlyMap<string, TrelloPerson>;
  /** Trello person id → the importer or their placeholder; grows as unknown ids are met. */
  readonly members: Map<string, Member>;
  /** Placeholders made so far, in the order met. */
  readonly placeholders: Member[];
  /** Trello person id → the account the importer asked to claim their placeholder. */
  readonly claimRequests: ReadonlyMap<string, Member>;
  warn(code: ImportWarningCode, message: string): void;
}

/**
 * The member a Trello person becomes: the importer, or their placeholder (made on first meeting,
 * also for ids the export names on a card but no longer lists among its members).
 */
export function tackMemberOf(ctx: PlanContext, trelloId: string | null): Member | null {
  if (trelloId === null) return null;
  const known = ctx.members.get(trelloId);
  if (known) return known;
  const person = ctx.people.get(trelloId) ?? { id: trelloId, username: "", fullName: "" };
  const requested = ctx.claimRequests.get(trelloId);
  const placeholder = newPlaceholder(
    person,
    ctx.ids.id(trelloId),
    ctx.boardId,
    requested ? { idMember: requested.id, idMemberRequester: ctx.importerId, date: ctx.now } : null,
  );
  ctx.members.set(trelloId, placeholder);
  ctx.placeholders.push(placeholder);
  return placeholder;
}

/** Names a few items for a message, and how many more there are. */
export function few(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`);
  return names.length > max ? `${shown.join(", ")} and ${names.length - max} more` : shown.join(", ");
}
