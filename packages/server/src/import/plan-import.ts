// Works out a whole import from a checked Trello export: every object with its new id, the history,
// the warnings and the counts. Pure (no store): everything that can refuse the file refuses here.
import { newId } from "@tack/shared/ids";
import type { Member } from "@tack/shared/models";
import {
  type ImportWarning,
  TRELLO_EXPORT_ACTION_LIMIT,
  type TrelloBoardExport,
} from "@tack/shared/trello-export";
import { boardRef } from "../commands/mutate.ts";
import { IdMap } from "./id-map.ts";
import { checkLimits, checkUniqueIds } from "./import-limits.ts";
import { describePerson, type TrelloPerson } from "./member-map.ts";
import { few, type ImportPlan, type PlanContext, type UnmappedPerson } from "./plan.ts";
import { planBoard, planCustomFields, planLabels, planLists, planMemberships } from "./plan-board.ts";
import { planCards } from "./plan-cards.ts";
import { planChecklists } from "./plan-checklists.ts";
import { countComments, planHistory } from "./plan-history.ts";

export interface PlanOptions {
  importer: Member;
  people: ReadonlyMap<string, TrelloPerson>;
  mapped: ReadonlyMap<string, Member>;
  now: Date;
  /** Texts the NUL characters were removed from (PostgreSQL cannot store them). */
  cleanedTexts?: number;
}

export function planImport(exported: TrelloBoardExport, options: PlanOptions): ImportPlan {
  checkUniqueIds(exported);
  const nowMs = options.now.getTime();
  const warnings: ImportWarning[] = [];
  const ctx: PlanContext = {
    ids: new IdMap(nowMs),
    boardId: newId(nowMs),
    importerId: options.importer.id,
    now: options.now.toISOString(),
    nowMs,
    people: options.people,
    mapped: options.mapped,
    unmapped: new Map<string, UnmappedPerson>(),
    warn: (code, message) => warnings.push({ code, message }),
  };
  if (exported.id) ctx.ids.set(exported.id, ctx.boardId);
  for (const [trelloId, member] of options.mapped) ctx.ids.set(trelloId, member.id);

  const customFields = planCustomFields(ctx, exported);
  const board = planBoard(ctx, exported, customFields);
  const labels = planLabels(ctx, exported);
  const lists = planLists(ctx, exported);
  const planned = planCards(ctx, exported, lists, customFields, countComments(exported));
  if (planned.extraList) lists.push(planned.extraList);
  board.cardCounter = Math.max(0, ...planned.cards.map((c) => c.idShort));
  const checklists = planChecklists(ctx, exported);
  const history = planHistory(ctx, exported);

  const onCards = new Set<string>();
  for (const card of exported.cards) for (const id of card.idMembers) onCards.add(id);
  for (const checklist of [...exported.checklists, ...exported.cards.flatMap((c) => c.checklists)])
    for (const item of checklist.checkItems) if (item.idMember) onCards.add(item.idMember);
  const { memberships, members } = planMemberships(ctx, exported, options.importer, onCards);

  if (exported.actions.length === TRELLO_EXPORT_ACTION_LIMIT)
    ctx.warn(
      "history_truncated",
      `This export holds ${TRELLO_EXPORT_ACTION_LIMIT.toLocaleString("en")} actions, the most Trello puts in an export: older comments and history may be missing. Everything in the file was imported.`,
    );
  const unmapped = [...ctx.unmapped.values()];
  if (unmapped.length > 0)
    ctx.warn(
      "members_unmapped",
      `${unmapped.length} Trello member(s) are not mapped to Tack accounts: ${few(unmapped.map(describePerson))}. Their comments and actions are kept under your name with their names in the history, and the cards they were on are listed in the import record.`,
    );
  if (options.cleanedTexts)
    ctx.warn(
      "text_cleaned",
      `${options.cleanedTexts} text(s) held NUL characters, which Tack cannot store; they were removed.`,
    );
  if (planned.dropped > 0)
    ctx.warn(
      "references_dropped",
      `${planned.dropped} label or custom field reference(s) on cards pointed at labels or fields the export does not hold and were left out.`,
    );

  const checkItems = checklists.reduce((n, c) => n + c.checkItems.length, 0);
  const plan: ImportPlan = {
    board,
    memberships,
    members,
    labels,
    lists,
    cards: planned.cards,
    checklists,
    attachments: planned.attachments,
    history,
    importData: {
      board: boardRef(board),
      importedFrom: {
        source: "trello",
        idBoard: exported.id,
        name: exported.name,
        url: exported.url || null,
      },
      // Named by the same stand-in ids the history uses for them (`data.member.id`, …).
      unmappedMembers: unmapped.map((p) => ({ ...p, id: ctx.ids.id(p.id) })),
    },
    warnings,
    counts: {
      lists: lists.length,
      cards: planned.cards.length,
      labels: labels.length,
      checklists: checklists.length,
      checkItems,
      comments: history.filter((a) => a.type === "commentCard").length,
      attachments: planned.attachments.length,
      customFields: customFields.length,
      actions: history.length,
      members: memberships.length,
    },
  };
  checkLimits(plan);
  // The import record keeps what the person was told, so a retried upload gets the same answer.
  plan.importData.warnings = warnings;
  plan.importData.counts = plan.counts;
  return plan;
}
