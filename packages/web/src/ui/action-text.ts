// One line of activity text for an action, in Trello's words.
import type { Action } from "@tack/shared/models";

const nameOf = (value: unknown): string =>
  value && typeof value === "object" ? String((value as { name?: unknown }).name ?? "") : "";

export function describeAction(action: Action): string {
  const d = action.data as Record<string, unknown>;
  const old = (d.old ?? {}) as Record<string, unknown>;
  switch (action.type) {
    case "createCard":
      return `added this card to ${nameOf(d.list)}`;
    case "updateCard":
      if (d.listBefore && d.listAfter)
        return `moved this card from ${nameOf(d.listBefore)} to ${nameOf(d.listAfter)}`;
      if ("closed" in old) return old.closed ? "sent this card to the board" : "archived this card";
      if ("name" in old) return `renamed this card (was “${String(old.name)}”)`;
      if ("desc" in old) return "changed the description";
      if ("due" in old) return "changed the due date";
      if ("dueComplete" in old)
        return old.dueComplete ? "marked the due date incomplete" : "marked the due date complete";
      if ("pos" in old) return "moved this card";
      return "updated this card";
    case "addMemberToCard":
      return `added ${nameOf(d.member) || "a member"} to this card`;
    case "removeMemberFromCard":
      return `removed ${nameOf(d.member) || "a member"} from this card`;
    case "addLabelToCard":
      return `added the label ${nameOf(d.label) || ""}`.trim();
    case "removeLabelFromCard":
      return `removed the label ${nameOf(d.label) || ""}`.trim();
    case "addChecklistToCard":
      return `added the checklist ${nameOf(d.checklist)}`;
    case "removeChecklistFromCard":
      return `removed the checklist ${nameOf(d.checklist)}`;
    case "updateCheckItemStateOnCard":
      return `${(d.checkItem as { state?: string } | undefined)?.state === "complete" ? "completed" : "marked incomplete"} ${nameOf(d.checkItem)}`;
    case "addAttachmentToCard":
      return `attached ${nameOf(d.attachment)}`;
    case "deleteCard":
      return "deleted a card";
    default:
      return action.type.replace(/([A-Z])/g, " $1").toLowerCase();
  }
}
