// What the signed-in person may do on the open board, to hide controls they cannot use. The server
// decides every write; this only spares an observer buttons that would be refused.
import { type BoardPermission, hasBoardPermission } from "@tack/shared/permissions";
import type { BoardCache } from "./board-cache.ts";
import { me } from "./session.ts";

/** Reads signals, so a component calling it re-renders when the person's role changes. */
export function canOnBoard(cache: BoardCache, permission: BoardPermission): boolean {
  const self = me.value;
  const membership = self ? cache.memberships.value.find((m) => m.idMember === self.id) : undefined;
  const prefs = cache.board.value.prefs;
  return hasBoardPermission(
    {
      role: membership?.memberType ?? null,
      visibility: prefs.permissionLevel,
      inOrganization: false,
      commentsPref: prefs.comments,
      closed: cache.board.value.closed,
    },
    permission,
  );
}

export const canEditBoard = (cache: BoardCache): boolean => canOnBoard(cache, "write");
