// Joining a board through an invitation or a join link (sharing/use-invitation.ts redeems the link
// first). Someone already on the board keeps their role: a link never demotes (or promotes) anyone.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { Board, Member, Membership } from "@tack/shared/models";
import type { InvitationRecord } from "../../store/store.ts";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { memberRef } from "./board-member-rules.ts";
import { invitationGone } from "./invitation-rules.ts";

export interface AcceptInvitationArgs {
  /** The redeemed invitation (an e-mail one is already used up). */
  readonly invitation: InvitationRecord;
  /** The account joining. */
  readonly member: Member;
}

export const acceptInvitation = defineCommand({
  kind: "acceptInvitation",
  async run(tx, { invitation, member }: AcceptInvitationArgs, { rec }): Promise<Board> {
    const memberships = await tx.memberships();
    if (memberships.some((m) => m.idMember === member.id)) return tx.board();
    if (memberships.length >= Limits.membersPerBoard)
      throw new TackError(
        ErrorCode.limitExceeded,
        `A board can have at most ${Limits.membersPerBoard} members`,
      );
    const membership: Membership = {
      id: newId(),
      idMember: member.id,
      memberType: invitation.role,
      starred: false,
    };
    await tx.putMembership(membership);
    await rec.record(
      "addMemberToBoard",
      {
        board: boardRef(tx.board()),
        idMemberAdded: member.id,
        member: memberRef(member),
        memberType: invitation.role,
        method: invitation.kind === "link" ? "joinLink" : "invitation",
      },
      { memberships: [membership], members: [member] },
    );
    return tx.board();
  },
  // Joining carries no client mutation id, so nothing is ever replayed; a token is never retried.
  replay: () => {
    throw invitationGone();
  },
});
