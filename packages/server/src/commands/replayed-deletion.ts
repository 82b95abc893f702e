// A retried DELETE arrives after its first attempt removed the object the route authorizes on, so
// the route finds nothing and would answer 404 where the first attempt answered 200. This tells the
// API layer that the caller's mutation id already deleted an object the request names, on a board
// the caller may still read: the retry then gets the first attempt's answer.
import { canReadBoard } from "@tack/shared/permissions";
import type { AppContext } from "../context.ts";

export async function deletedByMutation(
  ctx: AppContext,
  memberId: string,
  mutationId: string,
  namedIds: readonly string[],
): Promise<boolean> {
  const prior = await ctx.store.priorMutation(memberId, mutationId);
  if (!prior?.kind?.startsWith("delete")) return false;
  if (!prior.change.deleted.some((ref) => namedIds.includes(ref.id))) return false;
  const found = await ctx.store.boardAccess(prior.change.board, memberId);
  return found !== null && found.boardId === prior.change.board && canReadBoard(found.access);
}
