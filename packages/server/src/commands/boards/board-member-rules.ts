// Board membership: invite an existing account, change a role, remove someone, star a board.
// Removing the last admin is refused, so a board can never be left without one.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Member } from "@tack/shared/models";
import type { BoardTx } from "../../store/store.ts";

export const memberRef = (m: Member) => ({ id: m.id, name: m.fullName || m.username });

export async function ensureAnotherAdmin(tx: BoardTx, leaving: string): Promise<void> {
  const admins = (await tx.memberships()).filter((m) => m.memberType === "admin" && m.idMember !== leaving);
  if (admins.length === 0)
    throw new TackError(
      ErrorCode.conflict,
      "A board needs at least one admin: make someone else admin first",
    );
}
