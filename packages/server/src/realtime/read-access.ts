// Read permission as the fan-out needs it: checked when a socket subscribes and before every push.
// Pushes use a per-board cache of "may this member read", which the change stream itself
// invalidates: a change that can take read access away (a member removed, the board's visibility
// or workspace changed, the board deleted) makes the feed check every subscriber afresh before it
// delivers anything more.
import type { BoardChange } from "@tack/shared/changes";
import { canReadBoard } from "@tack/shared/permissions";
import type { Store } from "../store/store.ts";

export function mayChangeReadAccess(change: BoardChange): boolean {
  return (
    change.models.board !== undefined ||
    change.action.type === "removeMemberFromBoard" ||
    change.deleted.some((ref) => ref.kind === "membership" || ref.kind === "board")
  );
}

/**
 * Whether a change may narrow any permission on its board (auth/credential-cache.ts): what may take
 * read access away, and a membership's role changed (an observer cannot write).
 */
export function mayNarrowAccess(change: BoardChange): boolean {
  return mayChangeReadAccess(change) || change.models.memberships !== undefined;
}

export function deletesBoard(change: BoardChange): boolean {
  return change.deleted.some((ref) => ref.kind === "board" && ref.id === change.board);
}

/** Whether a member (null: anonymous) may read a board now, fresh from the store. */
export async function mayRead(store: Store, board: string, memberId: string | null): Promise<boolean> {
  const found = await store.boardAccess(board, memberId);
  return found !== null && found.boardId === board && canReadBoard(found.access);
}
