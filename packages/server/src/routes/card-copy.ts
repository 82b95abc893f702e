// What copies do before and around their commands: the source must be readable by the actor (it
// may be on another board), its cards' parts are read (a copy is of them as they were then), the
// bytes of their uploaded attachments copied, and removed again if the copy does not commit.
import type { Card } from "@tack/shared/models";
import { CARD_KEEPABLE, type CardKeepable, type CreateCardInput } from "@tack/shared/schemas";
import { copyAttachmentBlobs } from "../attachments/copy-blobs.ts";
import { discardAttachmentBlobs } from "../attachments/discard.ts";
import { authorizeObject } from "../auth/access.ts";
import type { MemberActor } from "../auth/actor.ts";
import type { CardSource } from "../commands/cards/card-copy-rules.ts";
import { copyCard } from "../commands/cards/copy-card.ts";
import { execute } from "../commands/command.ts";
import { appliedBefore } from "../commands/mutate.ts";
import type { AppContext } from "../context.ts";

/** Trello copies up to this many comments of the source. */
const COMMENTS_COPIED = 1_000;

/** Reads `cards` of `sourceBoardId` as copy sources, copying their uploaded attachments' bytes for `boardId`. */
export async function readCardSources(
  ctx: AppContext,
  boardId: string,
  sourceBoardId: string,
  cards: readonly Card[],
  keep: ReadonlySet<CardKeepable>,
): Promise<CardSource[]> {
  const boardLabels = await ctx.store.objectsOf(sourceBoardId, "label");
  // Values of custom fields copied to another board are matched there by their fields' names.
  const customFields =
    keep.has("customFields") && sourceBoardId !== boardId
      ? await ctx.store.objectsOf(sourceBoardId, "customField")
      : [];
  const sources: CardSource[] = [];
  try {
    for (const card of cards) {
      const stored = keep.has("attachments") ? await ctx.store.childrenOf("attachment", card.id) : [];
      sources.push({
        card,
        boardId: sourceBoardId,
        customFields,
        labels: boardLabels.filter((l) => card.idLabels.includes(l.id)),
        checklists: keep.has("checklists")
          ? (await ctx.store.childrenOf("checklist", card.id)).sort((a, b) => a.pos - b.pos)
          : [],
        attachments: (await copyAttachmentBlobs(ctx, boardId, stored)).sort((a, b) => a.pos - b.pos),
        comments: keep.has("comments")
          ? await ctx.store.actions({
              boardId: sourceBoardId,
              cardId: card.id,
              types: ["commentCard"],
              limit: COMMENTS_COPIED,
            })
          : [],
      });
    }
  } catch (error) {
    await discardCopiedBlobs(ctx, sources);
    throw error;
  }
  return sources;
}

/** Runs a copy's command; if it does not commit, the copied bytes are removed again. */
export async function withCopiedBlobs<T>(
  ctx: AppContext,
  sources: readonly CardSource[],
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await discardCopiedBlobs(ctx, sources);
    throw error;
  }
}

async function discardCopiedBlobs(ctx: AppContext, sources: readonly CardSource[]): Promise<void> {
  await discardAttachmentBlobs(
    ctx,
    sources.flatMap((s) => s.attachments.filter((a) => a.storageKey !== null)),
  );
}

/** `POST /1/cards` with `idCardSource`. */
export async function copyCardFrom(
  ctx: AppContext,
  me: MemberActor,
  boardId: string,
  input: CreateCardInput & { idCardSource: string },
  mutationId: string | null,
) {
  const source = await authorizeObject(ctx, me, "card", input.idCardSource, "read");
  const prior = await appliedBefore(ctx, me, boardId, "copyCard", mutationId);
  if (prior) return prior.models.cards!.at(-1)!;
  const keep = new Set(input.keepFromSource ?? CARD_KEEPABLE);
  const sources = await readCardSources(ctx, boardId, source.boardId, [source.object], keep);
  return withCopiedBlobs(ctx, sources, () =>
    execute(ctx, copyCard, { actor: me, boardId, mutationId, input, keep, source: sources[0]! }),
  );
}
