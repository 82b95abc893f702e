// Renames, describes, archives, moves or re-prefs a board: one `updateBoard` action with the old values.
import { backgroundPrefs } from "@tack/shared/backgrounds";
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Board, BoardPrefs } from "@tack/shared/models";
import { definedOnly } from "@tack/shared/objects";
import type { UpdateBoardInput } from "@tack/shared/schemas";
import { customBackgroundPrefs, isUploadedBackgroundId } from "../../uploads/board-backgrounds.ts";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";

export interface UpdateBoardArgs {
  readonly input: UpdateBoardInput;
}

export const updateBoard = defineCommand({
  kind: "updateBoard",
  async check({ input }: UpdateBoardArgs, { ctx, actor }) {
    if (!input.idOrganization) return;
    const members = await ctx.store.organizationMemberIds(input.idOrganization);
    if (!members.includes(actor.memberId))
      throw new TackError(ErrorCode.notFound, "workspace not found", "idOrganization");
  },
  async run(tx, { input }: UpdateBoardArgs, { ctx, actor, boardId, rec }): Promise<Board> {
    const prefs = prefsOf(input);
    const background = input.prefs?.background ?? input["prefs/background"];
    if (background && isUploadedBackgroundId(background))
      Object.assign(prefs, await customBackgroundPrefs(ctx, actor.memberId, boardId, background));
    const before = tx.board();
    const after: Board = {
      ...before,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.desc !== undefined && { desc: input.desc }),
      ...(input.closed !== undefined && { closed: input.closed }),
      ...(input.idOrganization !== undefined && { idOrganization: input.idOrganization }),
      prefs: { ...before.prefs, ...prefs },
    };
    const old: Record<string, unknown> = {};
    for (const key of ["name", "desc", "closed", "idOrganization"] as const) {
      if (after[key] !== before[key]) old[key] = before[key];
    }
    for (const key of Object.keys(prefs) as Array<keyof BoardPrefs>) {
      if (after.prefs[key] !== before.prefs[key])
        old.prefs = { ...(old.prefs as object), [key]: before.prefs[key] };
    }
    await tx.putBoard(after);
    await rec.record(
      "updateBoard",
      { board: { ...boardRef(after), ...pick(after, old) }, old },
      { board: after },
    );
    return after;
  },
  replay: (change) => change.models.board!,
});

/** The prefs the input sets, from `prefs` and from the flat `prefs/<name>` fields. */
function prefsOf(input: UpdateBoardInput): Partial<BoardPrefs> {
  const prefs: Partial<BoardPrefs> = definedOnly(input.prefs ?? {});
  if (input["prefs/permissionLevel"] !== undefined) prefs.permissionLevel = input["prefs/permissionLevel"];
  if (input["prefs/background"] !== undefined) prefs.background = input["prefs/background"];
  if (input["prefs/comments"] !== undefined) prefs.comments = input["prefs/comments"];
  if (input["prefs/selfJoin"] !== undefined) prefs.selfJoin = input["prefs/selfJoin"];
  if (input["prefs/cardCovers"] !== undefined) prefs.cardCovers = input["prefs/cardCovers"];
  if (input["prefs/invitations"] !== undefined) prefs.invitations = input["prefs/invitations"];
  if (input["prefs/isTemplate"] !== undefined) prefs.isTemplate = input["prefs/isTemplate"];
  const background = input.prefs?.background ?? input["prefs/background"];
  if (background && !isUploadedBackgroundId(background))
    Object.assign(prefs, backgroundPrefs(background), { backgroundCustom: null });
  return prefs;
}

function pick(board: Board, old: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(old)) out[key] = key === "prefs" ? board.prefs : board[key as keyof Board];
  return out;
}
