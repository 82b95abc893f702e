// `POST /1/boards` with `idBoardSource`: a new board copied from another the actor can read (also
// how a board is made from a template board): its prefs (not its template flag), labels, custom
// field definitions and open lists, and with `keepFromSource=cards` the lists' open cards (without
// comments) with their custom field values, on the copied fields. The copier is
// its only member (admin); cards keep only members of the new board, so none but the copier. The
// source was read before this transaction (routes/board-copy.ts); one `copyBoard` change.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId, newIdOnBoard } from "@tack/shared/ids";
import type { Board, CustomField, Label, List, Membership } from "@tack/shared/models";
import { type CardCopy, type CardSource, writeCardCopy } from "../cards/card-copy-rules.ts";
import { defineCommand } from "../command.ts";
import { LIST_COPY_KEEPS } from "../lists/copy-list.ts";
import { boardRef } from "../mutate.ts";

export interface CopyBoardArgs {
  /** The new board's document: execute with `boardId: board.id`. */
  readonly board: Board;
  readonly source: {
    board: Board;
    labels: readonly Label[];
    lists: readonly List[];
    customFields: readonly CustomField[];
  };
  /** Copies of the cards of the lists copied (empty unless `keepFromSource=cards`). */
  readonly cards: readonly CardSource[];
}

export const copyBoard = defineCommand({
  kind: "copyBoard",
  creates: ({ board }: CopyBoardArgs) => board,
  async check({ board }: CopyBoardArgs, { ctx, actor }) {
    if (board.idOrganization === null) return;
    const members = await ctx.store.organizationMemberIds(board.idOrganization);
    if (!members.includes(actor.memberId))
      throw new TackError(ErrorCode.notFound, "workspace not found", "idOrganization");
  },
  async run(tx, { board, source, cards }: CopyBoardArgs, { ctx, actor, rec }): Promise<Board> {
    const creator = await ctx.store.memberById(actor.memberId);
    const membership: Membership = {
      id: newId(),
      idMember: actor.memberId,
      memberType: "admin",
      starred: false,
    };
    await tx.putMembership(membership);
    const labels: Label[] = source.labels.map((l) => ({
      ...l,
      id: newIdOnBoard(board.id),
      idBoard: board.id,
    }));
    await tx.putAll("label", labels);
    // Before the cards: a copied card's values are matched to the new board's fields by name and
    // type (cards/custom-field-transfer-rules.ts), so these copies keep them.
    const customFields: CustomField[] = source.customFields.map((f) => {
      const id = newId();
      return {
        ...f,
        id,
        idModel: board.id,
        options: f.options.map((o) => ({ ...o, id: newId(), idCustomField: id })),
      };
    });
    await tx.putAll("customField", customFields);
    const listIds = new Map<string, string>();
    const lists: List[] = source.lists.map((l) => {
      const id = newIdOnBoard(board.id);
      listIds.set(l.id, id);
      return { ...l, id, idBoard: board.id };
    });
    await tx.putAll("list", lists);
    const copies: CardCopy[] = [];
    for (const card of cards) {
      const idList = listIds.get(card.card.idList);
      if (idList === undefined) continue;
      copies.push(
        await writeCardCopy(tx, card, LIST_COPY_KEEPS, {
          idList,
          pos: card.card.pos,
          dateLastActivity: rec.now,
          name: card.card.name,
          desc: card.card.desc,
          closed: false,
          isTemplate: card.card.isTemplate,
        }),
      );
    }
    await rec.record(
      "copyBoard",
      { board: boardRef(tx.board()), boardSource: { id: source.board.id, name: source.board.name } },
      {
        board: tx.board(),
        labels: [...labels, ...copies.flatMap((c) => c.labelsMade)],
        lists,
        customFields,
        cards: copies.map((c) => c.card),
        checklists: copies.flatMap((c) => c.checklists),
        attachments: copies.flatMap((c) => c.attachments),
        memberships: [membership],
        members: creator ? [creator] : [],
      },
    );
    return tx.board();
  },
  replay: (change) => change.models.board!,
});
