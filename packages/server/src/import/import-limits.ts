// Trello's per-object limits hold for imported boards too; an export past one is refused before
// anything is written, naming what is over and by how much. A duplicate id (two cards with one id)
// is refused the same way: it means the file was edited or damaged, and guessing which one is
// meant would silently merge two objects.
import { ErrorCode, invalid, TackError } from "@tack/shared/errors";
import { Limits } from "@tack/shared/limits";
import type { TrelloBoardExport, TrelloChecklist } from "@tack/shared/trello-export";
import type { ImportPlan } from "./plan.ts";

/**
 * Every object id in the export names one object: the importer maps each old id to one new id, so
 * two objects sharing an id would silently become one.
 */
export function checkUniqueIds(exported: TrelloBoardExport): void {
  const owner = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = owner.get(id);
    if (first !== undefined)
      throw invalid(`${path}.id`, `"${id}" is also the id of ${first}: every object needs its own id`);
    owner.set(id, path);
  };
  const each = <T extends { id: string }>(
    field: string,
    items: readonly T[],
    then?: (item: T, path: string) => void,
  ) =>
    items.forEach((item, i) => {
      claim(item.id, `${field}.${i}`);
      then?.(item, `${field}.${i}`);
    });
  const items = (checklist: TrelloChecklist, path: string) =>
    each(`${path}.checkItems`, checklist.checkItems);
  each("members", exported.members);
  each("lists", exported.lists);
  each("labels", exported.labels);
  each("customFields", exported.customFields, (f, path) => each(`${path}.options`, f.options));
  each("checklists", exported.checklists, items);
  const topChecklists = new Set(exported.checklists.map((c) => c.id));
  each("cards", exported.cards, (card, path) => {
    each(`${path}.attachments`, card.attachments);
    // A checklist nested in its card and also listed at the top level is one checklist.
    card.checklists.forEach((c, i) => {
      if (topChecklists.has(c.id)) return;
      claim(c.id, `${path}.checklists.${i}`);
      items(c, `${path}.checklists.${i}`);
    });
  });
  each("actions", exported.actions);
}

function over(what: string, count: number, limit: number): TackError {
  return new TackError(
    ErrorCode.limitExceeded,
    `This export has ${count} ${what}; a Tack board (like a Trello board) allows at most ${limit}`,
  );
}

export function checkLimits(plan: ImportPlan): void {
  const openLists = plan.lists.filter((l) => !l.closed).length;
  if (openLists > Limits.openListsPerBoard) throw over("open lists", openLists, Limits.openListsPerBoard);
  const openCards = plan.cards.filter((c) => !c.closed).length;
  if (openCards > Limits.openCardsPerBoard) throw over("open cards", openCards, Limits.openCardsPerBoard);
  if (plan.labels.length > Limits.labelsPerBoard)
    throw over("labels", plan.labels.length, Limits.labelsPerBoard);
  if (plan.memberships.length > Limits.membersPerBoard)
    throw over("mapped members", plan.memberships.length, Limits.membersPerBoard);
  const fields = plan.customFields.length;
  if (fields > Limits.customFieldsPerBoard) throw over("custom fields", fields, Limits.customFieldsPerBoard);
  if (plan.attachments.length > Limits.attachmentsPerBoard)
    throw over("attachments", plan.attachments.length, Limits.attachmentsPerBoard);
  const names = new Map(plan.cards.map((c) => [c.id, c.name]));
  const perCard = new Map<string, { checklists: number; attachments: number }>();
  const countsOf = (id: string) => {
    const counts = perCard.get(id) ?? { checklists: 0, attachments: 0 };
    perCard.set(id, counts);
    return counts;
  };
  for (const checklist of plan.checklists) {
    countsOf(checklist.idCard).checklists++;
    if (checklist.checkItems.length > Limits.checkItemsPerChecklist)
      throw over(
        `items in checklist "${checklist.name}" of card "${names.get(checklist.idCard)}"`,
        checklist.checkItems.length,
        Limits.checkItemsPerChecklist,
      );
  }
  for (const attachment of plan.attachments) countsOf(attachment.idCard).attachments++;
  for (const [id, counts] of perCard) {
    if (counts.checklists > Limits.checklistsPerCard)
      throw over(`checklists on card "${names.get(id)}"`, counts.checklists, Limits.checklistsPerCard);
    if (counts.attachments > Limits.attachmentsPerCard)
      throw over(`attachments on card "${names.get(id)}"`, counts.attachments, Limits.attachmentsPerCard);
  }
}
