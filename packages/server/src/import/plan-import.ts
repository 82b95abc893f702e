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
import type { ResolvedPeople, TrelloPerson } from "./member-map.ts";
import { few, type ImportPlan, type PlanContext, tackMemberOf } from "./plan.ts";
import { planBoard, planCustomFields, planLabels, planLists, planMemberships } from "./plan-board.ts";
import { planCards } from "./plan-cards.ts";
import { planChecklists } from "./plan-checklists.ts";
import { countComments, planHistory } from "./plan-history.ts";

export interface PlanOptions {
  importer: Member;
  people: ReadonlyMap<string, TrelloPerson>;
  resolved: ResolvedPeople;
  now: Date;
  /** Texts the NUL characters were removed from (PostgreSQL cannot store them). */
  cleanedTexts?: number;
}

export function planImport(exported: TrelloBoardExport, options: PlanOptions): ImportPlan {
  checkUniqueIds(exported);
  const nowMs = options.now.getTime();
  const warnings: ImportWarning[] = [];
  const boardId = newId(nowMs);
  const ctx: PlanContext = {
    ids: new IdMap(nowMs, boardId),
    boardId,
    importerId: options.importer.id,
    now: options.now.toISOString(),
    nowMs,
    people: options.people,
    members: new Map(),
    placeholders: [],
    claimRequests: options.resolved.claimRequests,
    warn: (code, message) => warnings.push({ code, message }),
  };
  if (exported.id) ctx.ids.set(exported.id, ctx.boardId);
  for (const trelloId of options.resolved.importer) {
    ctx.ids.set(trelloId, options.importer.id);
    ctx.members.set(trelloId, options.importer);
  }
  // Everyone the export names who is not the importer gets a placeholder, in the export's order.
  for (const trelloId of options.people.keys()) tackMemberOf(ctx, trelloId);

  const customFields = planCustomFields(ctx, exported);
  const board = planBoard(ctx, exported);
  const labels = planLabels(ctx, exported);
  const lists = planLists(ctx, exported);
  const planned = planCards(ctx, exported, lists, customFields, countComments(exported));
  if (planned.extraList) lists.push(planned.extraList);
  board.cardCounter = Math.max(0, ...planned.cards.map((c) => c.idShort));
  const checklists = planChecklists(ctx, exported);
  const history = planHistory(ctx, exported);

  const { memberships, members } = planMemberships(ctx, exported, options.importer);

  if (exported.actions.length === TRELLO_EXPORT_ACTION_LIMIT)
    ctx.warn(
      "history_truncated",
      `This export holds ${TRELLO_EXPORT_ACTION_LIMIT.toLocaleString("en")} actions, the most Trello puts in an export: older comments and history may be missing. Everything in the file was imported.`,
    );
  if (ctx.placeholders.length > 0) {
    const asked = ctx.placeholders.filter((p) => p.placeholder!.claim !== null).length;
    ctx.warn(
      "members_placeholders",
      `${ctx.placeholders.length} Trello member(s) are not you: ${few(ctx.placeholders.map((p) => p.fullName))}. They are placeholder members of the board (no login) and keep their comments, actions and cards.${asked > 0 ? ` ${asked} of them were offered to the accounts you named; nothing moves until those people accept.` : ""} A board admin can ask someone to claim a placeholder from the board's members.`,
    );
  }
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
    placeholders: ctx.placeholders,
    memberships,
    members,
    labels,
    lists,
    cards: planned.cards,
    checklists,
    attachments: planned.attachments,
    customFields,
    history,
    importData: {
      board: boardRef(board),
      importedFrom: {
        source: "trello",
        idBoard: exported.id,
        name: exported.name,
        url: exported.url || null,
      },
      // Whom the importer asked to claim a placeholder is not recorded here: board readers see this.
      placeholders: ctx.placeholders.map((p) => ({
        id: p.id,
        username: p.username,
        fullName: p.fullName,
        trelloUsername: p.placeholder!.trelloUsername,
      })),
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
