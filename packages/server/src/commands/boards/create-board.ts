import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId, newShortLink } from "@tack/shared/ids";
import {
  BACKGROUND_HEX,
  type Board,
  DEFAULT_LABEL_COLORS,
  defaults,
  type Label,
  type List,
  type Membership,
} from "@tack/shared/models";
import { POSITION_GAP } from "@tack/shared/positions";
import type { CreateBoardInput } from "@tack/shared/schemas";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";
import { listRef } from "../refs.ts";

const DEFAULT_LISTS = ["To Do", "Doing", "Done"];

/** Creates a board with its creator as admin, Trello's six default labels and (optionally) lists. */
export async function createBoard(
  ctx: AppContext,
  actor: MemberActor,
  input: CreateBoardInput,
  mutationId: string | null,
): Promise<string> {
  if (input.idOrganization !== undefined) {
    const members = await ctx.store.organizationMemberIds(input.idOrganization);
    if (!members.includes(actor.memberId))
      throw new TackError(ErrorCode.notFound, "workspace not found", "idOrganization");
  }
  const now = new Date().toISOString();
  const background = input.prefs_background ?? "blue";
  const board: Board = {
    id: newId(),
    name: input.name,
    desc: input.desc ?? "",
    closed: false,
    idOrganization: input.idOrganization ?? null,
    shortLink: newShortLink(),
    prefs: {
      ...defaults.boardPrefs(),
      permissionLevel: input.prefs_permissionLevel ?? (input.idOrganization ? "org" : "private"),
      background,
      backgroundColor: BACKGROUND_HEX[background],
    },
    dateLastActivity: now,
    cardCounter: 0,
  };
  const creator = await ctx.store.memberById(actor.memberId);
  return mutate(
    ctx,
    actor,
    board.id,
    {
      kind: "createBoard",
      async run(tx, rec) {
        const membership: Membership = {
          id: newId(),
          idMember: actor.memberId,
          memberType: "admin",
          starred: false,
        };
        await tx.putMembership(membership);
        const labels: Label[] = (input.defaultLabels === false ? [] : DEFAULT_LABEL_COLORS).map((color) => ({
          id: newId(),
          idBoard: board.id,
          name: "",
          color,
        }));
        for (const label of labels) await tx.put("label", label);
        await rec.record(
          "createBoard",
          { board: boardRef(board) },
          {
            board,
            labels,
            memberships: [membership],
            members: creator ? [creator] : [],
          },
        );
        if (input.defaultLists === true) {
          let pos = 0;
          for (const name of DEFAULT_LISTS) {
            pos += POSITION_GAP;
            const list: List = { id: newId(), idBoard: board.id, name, closed: false, pos };
            await tx.put("list", list);
            await rec.record(
              "createList",
              { board: boardRef(board), list: listRef(list) },
              { lists: [list] },
            );
          }
        }
        return board.id;
      },
      replay: (change) => change.board,
    },
    { create: board, mutationId },
  );
}
