// `POST /1/lists` with `idListSource`: the source list must be readable by the actor (it may be on
// another board); its open cards are read and their uploaded bytes copied (card-copy.ts), then the
// copyList command writes the list and the copies on this board.
import type { CreateListInput } from "@tack/shared/schemas";
import { authorizeObject } from "../auth/access.ts";
import type { MemberActor } from "../auth/actor.ts";
import { execute } from "../commands/command.ts";
import { copyList, LIST_COPY_KEEPS } from "../commands/lists/copy-list.ts";
import { appliedBefore } from "../commands/mutate.ts";
import type { AppContext } from "../context.ts";
import { readCardSources, withCopiedBlobs } from "./card-copy.ts";

export async function copyListFrom(
  ctx: AppContext,
  me: MemberActor,
  boardId: string,
  input: CreateListInput & { idListSource: string },
  mutationId: string | null,
) {
  const source = await authorizeObject(ctx, me, "list", input.idListSource, "read");
  const prior = await appliedBefore(ctx, me, boardId, "copyList", mutationId);
  if (prior) return prior.models.lists!.at(-1)!;
  const cards = (await ctx.store.childrenOf("card", source.object.id))
    .filter((c) => !c.closed)
    .sort((a, b) => a.pos - b.pos);
  const sources = await readCardSources(ctx, boardId, source.boardId, cards, LIST_COPY_KEEPS);
  return withCopiedBlobs(ctx, sources, () =>
    execute(ctx, copyList, { actor: me, boardId, mutationId, input, sourceList: source.object, sources }),
  );
}
