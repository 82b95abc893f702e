import { notFound } from "@tack/shared/errors";
import type { Card } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { listRef } from "../refs.ts";

export interface ArchiveAllCardsArgs {
  readonly listId: string;
}

/** Archives every open card of a list (Trello's "Archive all cards in this list"); the cards archived. */
export const archiveAllCards = defineCommand({
  kind: "archiveAllCards",
  async run(tx, { listId }: ArchiveAllCardsArgs, { rec }): Promise<Card[]> {
    const list = await tx.get("list", listId);
    if (!list) throw notFound("list");
    const cards = (await tx.children("card", listId))
      .filter((c) => !c.closed)
      .map((c) => ({ ...c, closed: true }));
    for (const card of cards) await tx.put("card", card);
    await rec.record(
      "archiveAllCardsInList",
      { board: boardRef(tx.board()), list: listRef(list) },
      { cards },
    );
    return cards;
  },
  replay: (change) => change.models.cards ?? [],
});
