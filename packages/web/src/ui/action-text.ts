// One line of activity text for an action, in Trello's words. On a card it speaks of "this card"
// ("moved this card from To do to Done"); in the board's feed it names the card ("moved Fix login
// from To do to Done").
import type { Action } from "@tack/shared/models";

const nameOf = (value: unknown): string =>
  value && typeof value === "object" ? String((value as { name?: unknown }).name ?? "") : "";

export type ActionContext = "card" | "board";

export function describeAction(action: Action, context: ActionContext = "card"): string {
  const d = action.data as Record<string, unknown>;
  const old = (d.old ?? {}) as Record<string, unknown>;
  const card = context === "card" ? "this card" : nameOf(d.card) || "a card";
  const list = nameOf(d.list);
  switch (action.type) {
    case "createCard":
      return `added ${card} to ${list}`;
    case "updateCard":
      if (d.listBefore && d.listAfter)
        return `moved ${card} from ${nameOf(d.listBefore)} to ${nameOf(d.listAfter)}`;
      if ("closed" in old) return old.closed ? `sent ${card} to the board` : `archived ${card}`;
      if ("name" in old) return `renamed ${card} (was “${String(old.name)}”)`;
      if ("desc" in old)
        return context === "card" ? "changed the description" : `changed the description of ${card}`;
      if ("due" in old)
        return context === "card" ? "changed the due date" : `changed the due date of ${card}`;
      if ("dueComplete" in old)
        return `${old.dueComplete ? "marked the due date incomplete" : "marked the due date complete"}${context === "board" ? ` on ${card}` : ""}`;
      if ("pos" in old) return `moved ${card}`;
      return `updated ${card}`;
    case "commentCard":
      return `commented on ${card}`;
    case "addMemberToCard":
      return `added ${nameOf(d.member) || "a member"} to ${card}`;
    case "removeMemberFromCard":
      return `removed ${nameOf(d.member) || "a member"} from ${card}`;
    case "addLabelToCard":
      return `added the label ${nameOf(d.label)}${context === "board" ? ` to ${card}` : ""}`.trim();
    case "removeLabelFromCard":
      return `removed the label ${nameOf(d.label)}${context === "board" ? ` from ${card}` : ""}`.trim();
    case "addChecklistToCard":
      return `added the checklist ${nameOf(d.checklist)}${context === "board" ? ` to ${card}` : ""}`;
    case "removeChecklistFromCard":
      return `removed the checklist ${nameOf(d.checklist)}${context === "board" ? ` from ${card}` : ""}`;
    case "createCheckItem":
      return `added ${nameOf(d.checkItem)} to ${nameOf(d.checklist)}${context === "board" ? ` on ${card}` : ""}`;
    case "updateCheckItem":
      return `updated the item ${nameOf(d.checkItem)}${context === "board" ? ` on ${card}` : ""}`;
    case "updateCheckItemStateOnCard":
      return `${(d.checkItem as { state?: string } | undefined)?.state === "complete" ? "completed" : "marked incomplete"} ${nameOf(d.checkItem)}${context === "board" ? ` on ${card}` : ""}`;
    case "addAttachmentToCard":
      return `attached ${nameOf(d.attachment)} to ${card}`;
    case "deleteAttachmentFromCard":
      return `deleted the attachment ${nameOf(d.attachment)} from ${card}`;
    case "deleteCard":
      return list ? `deleted a card from ${list}` : "deleted a card";
    case "createList":
      return `added the list ${list} to this board`;
    case "updateList":
      if ("closed" in old)
        return old.closed ? `sent the list ${list} to the board` : `archived the list ${list}`;
      if ("name" in old) return `renamed the list ${list} (was “${String(old.name)}”)`;
      if ("pos" in old) return `moved the list ${list}`;
      return `updated the list ${list}`;
    case "createBoard":
      return "created this board";
    case "updateBoard":
      if ("name" in old) return `renamed this board (was “${String(old.name)}”)`;
      return "changed the board's settings";
    case "addMemberToBoard":
      return `added ${nameOf(d.member) || "a member"} to this board`;
    case "removeMemberFromBoard":
      return `removed ${nameOf(d.member) || "a member"} from this board`;
    case "createLabel":
      return `created the label ${nameOf(d.label)}`;
    case "convertToCardFromCheckItem":
      return `converted ${nameOf(d.checkItem)} from a checklist item on ${nameOf(d.cardSource) || "a card"}`;
    case "updateCustomFieldItem": {
      const item = (d.customFieldItem ?? {}) as {
        value?: Record<string, unknown> | null;
        idValue?: string | null;
      };
      const where = context === "board" ? ` on ${card}` : "";
      if (!item.value && !item.idValue) return `cleared ${nameOf(d.customField)}${where}`;
      const text = item.value?.text ?? item.value?.number;
      return `set ${nameOf(d.customField)}${text === undefined ? "" : ` to “${String(text)}”`}${where}`;
    }
    case "createCustomField":
      return `added the custom field ${nameOf(d.customField)}`;
    case "updateCustomField":
      return `changed the custom field ${nameOf(d.customField)}`;
    case "deleteCustomField":
      return `deleted the custom field ${nameOf(d.customField)}`;
    case "archiveAllCardsInList":
      return `archived all cards in ${list}`;
    default:
      return action.type.replace(/([A-Z])/g, " $1").toLowerCase();
  }
}

/** Actions that change a comment shown elsewhere (its reactions), not activity of their own. */
export const isQuietAction = (action: Action): boolean =>
  action.type === "addReactionToComment" || action.type === "removeReactionFromComment";

/** The card an action is about, when it names one (for the board feed's links). */
export function actionCardOf(action: Action): { id: string; name: string } | null {
  const card = (action.data as { card?: { id?: unknown; name?: unknown } }).card;
  return card && typeof card.id === "string" ? { id: card.id, name: String(card.name ?? "") } : null;
}
