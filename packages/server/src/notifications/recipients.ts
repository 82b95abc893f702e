// Who hears of an action, and as what: one notification per person per event, the most specific
// kind winning (a person mentioned in a comment on a card they watch is "mentioned", once). Only
// people who are on the board when it is delivered are candidates, so someone removed since the
// change hears nothing more of the board; the author never hears of their own action.
import type { Action, Card } from "@tack/shared/models";
import { mentionsIn, NotificationType } from "@tack/shared/notifications";
import type { BoardPerson } from "../store/notify-store.ts";
import type { NotifyNotice } from "./notify-topic.ts";

export interface RecipientFacts {
  action: Action;
  /** The card the action is about, as it is now (null when none, or deleted since). */
  card: Card | null;
  /** The board's members now. */
  people: readonly BoardPerson[];
  /** Who watches the card, its list or the board (ids; members of the card watch it implicitly). */
  watchers: readonly string[];
  /** What the write noted of its moment (notify-topic.ts), when the action's data cannot tell. */
  notice?: NotifyNotice;
}

/** Card changes worth telling the card's watchers about (Trello's `changeCard`). */
const WATCHED_CHANGES = new Set(["name", "desc", "due", "start", "dueComplete", "closed", "idList"]);

/**
 * Who may hear of an action, as far as the write that records it can tell (issue 16): it queues a
 * notification entry only when someone may. `no one`: nothing in the action can notify (a card
 * moved up or down its list, relabelled, given a cover). `watchers`: only people other than the
 * author watching one of `of` could (a card whose members are at most its author, moved to another
 * list, renamed, dated or archived: news to its watchers alone), so the entry is written only if
 * such a watch exists as the write commits. `anyone`: decided on delivery. Mirrors `recipientsOf`.
 */
export type MayHear =
  | { readonly kind: "no one" }
  | { readonly kind: "watchers"; readonly of: readonly string[] }
  | { readonly kind: "anyone" };

export function whoMayHear(
  type: string,
  data: Record<string, unknown>,
  card: Card | undefined,
  author: string,
): MayHear {
  if (type !== "updateCard") return { kind: "anyone" };
  const { board, old } = data as { board?: { id?: unknown }; old?: object };
  const changed = data.card as { idMembers?: unknown; desc?: unknown } | undefined;
  if (changed?.idMembers !== undefined || changed?.desc !== undefined) return { kind: "anyone" };
  if (!Object.keys(old ?? {}).some((key) => WATCHED_CHANGES.has(key))) return { kind: "no one" };
  // The card's members watch it implicitly (`recipientsOf`'s watchers), and never its author.
  if (!card || typeof board?.id !== "string" || card.idMembers.some((id) => id !== author))
    return { kind: "anyone" };
  return { kind: "watchers", of: [card.id, card.idList, board.id] };
}

/** Recipients by member id, each with the kind of notification they get. */
export function recipientsOf(facts: RecipientFacts): Map<string, NotificationType> {
  const { action, card } = facts;
  const onBoard = new Map(facts.people.map((p) => [p.memberId, p]));
  const byUsername = new Map(facts.people.map((p) => [p.username.toLowerCase(), p.memberId]));
  const chosen = new Map<string, NotificationType>();
  const give = (memberId: string | undefined, type: NotificationType) => {
    if (!memberId || memberId === action.idMemberCreator || !onBoard.has(memberId) || chosen.has(memberId))
      return;
    chosen.set(memberId, type);
  };
  const mention = (text: string | undefined, before = "") => {
    if (!text) return;
    const earlier = new Set(mentionsIn(before));
    for (const username of mentionsIn(text))
      if (!earlier.has(username)) give(byUsername.get(username), NotificationType.mentionedOnCard);
  };
  const watchers = () => {
    if (!card) return [];
    return [...new Set([...card.idMembers, ...facts.watchers])];
  };
  const data = action.data as {
    text?: string;
    idMember?: string;
    idMemberAdded?: string;
    card?: { desc?: string; idMembers?: string[] };
    old?: { desc?: string; idMembers?: string[]; name?: string };
    checkItem?: { name?: string };
  };

  switch (action.type) {
    case "commentCard":
      if (!card) break;
      mention(data.text);
      for (const id of watchers()) give(id, NotificationType.commentCard);
      break;
    case "addMemberToCard":
      if (card) give(data.idMember, NotificationType.addedToCard);
      break;
    case "addMemberToBoard":
      give(data.idMemberAdded, NotificationType.addedToBoard);
      break;
    case "addAttachmentToCard":
      for (const id of watchers()) give(id, NotificationType.addAttachmentToCard);
      break;
    case "createCard": {
      if (!card) break;
      // The card as created: members added and mentions written since hear of it by their own
      // actions. An entry written before notices existed falls back to the card as it is now.
      const created = facts.notice?.created ?? card;
      for (const id of created.idMembers) give(id, NotificationType.addedToCard);
      mention(created.desc);
      break;
    }
    case "createCheckItem":
    case "updateCheckItem":
      if (!card) break;
      mention(data.checkItem?.name, data.old?.name ?? "");
      break;
    case "updateCard": {
      if (!card) break;
      if (data.card?.idMembers) {
        const before = new Set(data.old?.idMembers ?? []);
        for (const id of data.card.idMembers) if (!before.has(id)) give(id, NotificationType.addedToCard);
      }
      if (data.card?.desc !== undefined) mention(data.card.desc, data.old?.desc ?? "");
      // Moving a card up or down its list, or relabelling it, is not news to its watchers.
      if (Object.keys(data.old ?? {}).some((key) => WATCHED_CHANGES.has(key)))
        for (const id of watchers()) give(id, NotificationType.changeCard);
      break;
    }
  }
  return chosen;
}
