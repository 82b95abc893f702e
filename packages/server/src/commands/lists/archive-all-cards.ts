import { notFound } from "@tack/shared/errors";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";
import { listRef } from "../refs.ts";

/** Archives every open card of a list (Trello's "Archive all cards in this list"). */
export async function archiveAllCards(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  listId: string,
): Promise<void> {
  return mutate(ctx, actor, boardId, {
    kind: "archiveAllCards",
    async run(tx, rec) {
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
    },
    replay: () => undefined,
  });
}
