// What an import will write, worked out in full before the transaction opens: the transaction then
// only writes (quickly, holding the board's lock for as little as possible), and every refusal
// (a bad field, a limit) happens before anything is written.
import type {
  Attachment,
  Board,
  Card,
  Checklist,
  Label,
  List,
  Member,
  Membership,
} from "@tack/shared/models";
import type { ImportCounts, ImportWarning, ImportWarningCode } from "@tack/shared/trello-export";
import type { ActionDraft } from "../store/store.ts";
import type { IdMap } from "./id-map.ts";
import type { TrelloPerson } from "./member-map.ts";

export interface ImportPlan {
  board: Board;
  memberships: Membership[];
  members: Member[];
  labels: Label[];
  lists: List[];
  cards: Card[];
  checklists: Checklist[];
  attachments: Attachment[];
  /** Trello's activity, oldest first: it gets the board's first sequence numbers. */
  history: ActionDraft[];
  /** The data of the import's own action, recorded last. */
  importData: Record<string, unknown>;
  warnings: ImportWarning[];
  counts: ImportCounts;
}

/** A Trello person nobody mapped, and the imported cards and check items they were on. */
export interface UnmappedPerson extends TrelloPerson {
  idCards: string[];
  idCheckItems: string[];
}

/** What every planning step shares. */
export interface PlanContext {
  readonly ids: IdMap;
  readonly boardId: string;
  readonly importerId: string;
  readonly now: string;
  readonly nowMs: number;
  readonly people: ReadonlyMap<string, TrelloPerson>;
  /** Trello person id → Tack account, as the importer chose. */
  readonly mapped: ReadonlyMap<string, Member>;
  readonly unmapped: Map<string, UnmappedPerson>;
  warn(code: ImportWarningCode, message: string): void;
}

/** The Tack account a Trello person was mapped to, or null (and the person is remembered). */
export function tackMemberOf(ctx: PlanContext, trelloId: string | null): Member | null {
  if (trelloId === null) return null;
  const member = ctx.mapped.get(trelloId);
  if (member) return member;
  if (!ctx.unmapped.has(trelloId)) {
    const person = ctx.people.get(trelloId) ?? { id: trelloId, username: "", fullName: "" };
    ctx.unmapped.set(trelloId, { ...person, idCards: [], idCheckItems: [] });
  }
  return null;
}

/** Names a few items for a message, and how many more there are. */
export function few(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`);
  return names.length > max ? `${shown.join(", ")} and ${names.length - max} more` : shown.join(", ");
}
