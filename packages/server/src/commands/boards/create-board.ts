// Creating a board: its creator as admin, Trello's six default labels and (optionally) three
// lists, in the one transaction that makes the board.
import { backgroundPrefs } from "@tack/shared/backgrounds";
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId, newIdOnBoard, newShortLink } from "@tack/shared/ids";
import {
  type Board,
  DEFAULT_LABEL_COLORS,
  defaults,
  type Label,
  type List,
  type Membership,
} from "@tack/shared/models";
import { POSITION_GAP } from "@tack/shared/positions";
import type { CreateBoardInput } from "@tack/shared/schemas";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { listRef } from "../refs.ts";

const DEFAULT_LISTS = ["To Do", "Doing", "Done"];

export interface CreateBoardArgs {
  readonly input: CreateBoardInput;
  /** The new board's document (`newBoard`): execute with `boardId: board.id`. */
  readonly board: Board;
}

/** The board document a `createBoard` makes from the input (its id is the one to execute on). */
export function newBoard(input: CreateBoardInput): Board {
  const background = input.prefs_background ?? "blue";
  return {
    id: newId(),
    name: input.name,
    desc: input.desc ?? "",
    closed: false,
    idOrganization: input.idOrganization ?? null,
    shortLink: newShortLink(),
    prefs: {
      ...defaults.boardPrefs(),
      permissionLevel: input.prefs_permissionLevel ?? (input.idOrganization ? "org" : "private"),
      ...backgroundPrefs(background),
    },
    dateLastActivity: new Date().toISOString(),
    cardCounter: 0,
  };
}

export const createBoard = defineCommand({
  kind: "createBoard",
  creates: ({ board }: CreateBoardArgs) => board,
  async check({ input }: CreateBoardArgs, { ctx, actor }) {
    if (input.idOrganization === undefined) return;
    const members = await ctx.store.organizationMemberIds(input.idOrganization);
    if (!members.includes(actor.memberId))
      throw new TackError(ErrorCode.notFound, "workspace not found", "idOrganization");
  },
  async run(tx, { input, board }: CreateBoardArgs, { ctx, actor, rec }): Promise<Board> {
    const creator = await ctx.store.memberById(actor.memberId);
    const membership: Membership = {
      id: newId(),
      idMember: actor.memberId,
      memberType: "admin",
      starred: false,
    };
    await tx.putMembership(membership);
    const labels: Label[] = (input.defaultLabels === false ? [] : DEFAULT_LABEL_COLORS).map((color) => ({
      id: newIdOnBoard(board.id),
      idBoard: board.id,
      name: "",
      color,
    }));
    for (const label of labels) await tx.put("label", label);
    await rec.record(
      "createBoard",
      { board: boardRef(board) },
      { board, labels, memberships: [membership], members: creator ? [creator] : [] },
    );
    if (input.defaultLists === true) {
      let pos = 0;
      for (const name of DEFAULT_LISTS) {
        pos += POSITION_GAP;
        const list: List = {
          id: newIdOnBoard(board.id),
          idBoard: board.id,
          name,
          closed: false,
          pos,
          softLimit: null,
        };
        await tx.put("list", list);
        await rec.record("createList", { board: boardRef(board), list: listRef(list) }, { lists: [list] });
      }
    }
    return board;
  },
  replay: (change) => change.models.board!,
});
