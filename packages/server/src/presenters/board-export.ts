// A board as Trello's JSON export shapes it: the board with everything nested (lists, cards with
// their attachments and custom field values, labels, checklists, members, memberships, custom
// fields, actions), so the Trello importer (Tack's own included) reads it back as the same board.
import type { Attachment } from "@tack/shared/models";
import { byPosition } from "@tack/shared/positions";
import { presentAttachment } from "./attachment.ts";
import { type BoardReadOptions, presentBoardRead, type Snapshot } from "./board-read.ts";

const EVERYTHING = {
  lists: "all",
  cards: "all",
  labels: "all",
  members: "all",
  memberships: "all",
  checklists: "all",
  customFields: "true",
} as const;

export function presentBoardExport(snapshot: Snapshot, options: BoardReadOptions): Record<string, unknown> {
  const board = presentBoardRead(snapshot, EVERYTHING, { ...options, actions: options.actions ?? [] });
  const byCard = new Map<string, Attachment[]>();
  for (const a of [...snapshot.attachments].sort(byPosition)) {
    const siblings = byCard.get(a.idCard);
    if (siblings) siblings.push(a);
    else byCard.set(a.idCard, [a]);
  }
  const cards = (board.cards as Array<Record<string, unknown>>).map((card) => ({
    ...card,
    attachments: (byCard.get(card.id as string) ?? []).map((a) => presentAttachment(options.base, a)),
  }));
  return { ...board, cards, pluginData: [] };
}
