// `POST /1/boards` with `idBoardSource`: the source board must be readable by the actor; it is read
// in one snapshot (and its cards' uploaded bytes copied when cards are kept), then the copyBoard
// command makes the new board.
import { newId, newShortLink } from "@tack/shared/ids";
import type { Board } from "@tack/shared/models";
import type { CreateBoardInput } from "@tack/shared/schemas";
import { authorizeBoard } from "../auth/access.ts";
import type { MemberActor } from "../auth/actor.ts";
import { copyBoard } from "../commands/boards/copy-board.ts";
import { execute } from "../commands/command.ts";
import { LIST_COPY_KEEPS } from "../commands/lists/copy-list.ts";
import type { AppContext } from "../context.ts";
import { readCardSources, withCopiedBlobs } from "./card-copy.ts";

export async function copyBoardFrom(
  ctx: AppContext,
  me: MemberActor,
  input: CreateBoardInput & { idBoardSource: string },
  mutationId: string | null,
): Promise<Board> {
  const { boardId: sourceId } = await authorizeBoard(ctx, me, input.idBoardSource, "read");
  const snapshot = (await ctx.store.loadBoard(sourceId))!;
  const lists = snapshot.lists.filter((l) => !l.closed).sort((a, b) => a.pos - b.pos);
  const open = new Set(lists.map((l) => l.id));
  const cards =
    input.keepFromSource === "cards"
      ? snapshot.cards.filter((c) => !c.closed && open.has(c.idList)).sort((a, b) => a.pos - b.pos)
      : [];
  const source = snapshot.board;
  const board: Board = {
    ...source,
    id: newId(),
    shortLink: newShortLink(),
    name: input.name,
    desc: input.desc ?? source.desc,
    closed: false,
    idOrganization: input.idOrganization ?? null,
    prefs: {
      ...source.prefs,
      isTemplate: false,
      ...(input.prefs_permissionLevel && { permissionLevel: input.prefs_permissionLevel }),
      ...(input.idOrganization === undefined &&
        source.prefs.permissionLevel === "org" && { permissionLevel: "private" }),
    },
    dateLastActivity: new Date().toISOString(),
    cardCounter: 0,
  };
  const sources = await readCardSources(ctx, board.id, sourceId, cards, LIST_COPY_KEEPS);
  return withCopiedBlobs(ctx, sources, () =>
    execute(ctx, copyBoard, {
      actor: me,
      boardId: board.id,
      mutationId,
      board,
      source: { board: source, labels: snapshot.labels, lists, customFields: snapshot.customFields ?? [] },
      cards: sources,
    }),
  );
}
