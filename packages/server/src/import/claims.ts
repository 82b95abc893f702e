// Claiming a placeholder: a board admin asks an account to take over an imported person's place;
// nothing moves until that account accepts. On accept, in the board's one transaction, the
// placeholder's actions and comments (their creator), card memberships, check item and attachment
// ownership and board membership move to the account, and one change tells live viewers
// (docs/security.md, "Imports and placeholder members"). Asking, withdrawing and declining change
// only the placeholder's record, under the board's lock (so they cannot cross an accept), and
// record no action: they are not board activity.
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import type { BoardRole, Member, Membership } from "@tack/shared/models";
import type { MemberActor } from "../auth/actor.ts";
import { defineCommand, execute } from "../commands/command.ts";
import { boardRef } from "../commands/mutate.ts";
import type { AppContext } from "../context.ts";
import type { BoardTx } from "../store/store.ts";

const RANK: Record<BoardRole, number> = { observer: 0, normal: 1, admin: 2 };
const memberRef = (m: Member) => ({ id: m.id, username: m.username, fullName: m.fullName });

/** A placeholder of this board nobody has claimed yet, or 404. */
async function openPlaceholder(tx: BoardTx, placeholderId: string): Promise<Member> {
  const placeholder = await tx.placeholder(placeholderId);
  if (!placeholder?.placeholder) throw notFound("placeholder member");
  if (placeholder.placeholder.idMemberClaimedBy !== null)
    throw new TackError(ErrorCode.conflict, `${placeholder.fullName} was already claimed`);
  return placeholder;
}

/** The board admin asks `account` to claim the placeholder; an earlier request is replaced. */
export async function requestClaim(
  ctx: AppContext,
  admin: MemberActor,
  boardId: string,
  placeholderId: string,
  account: Member,
): Promise<Member> {
  const { result } = await ctx.store.transact(boardId, async (tx) => {
    const placeholder = await openPlaceholder(tx, placeholderId);
    const updated: Member = {
      ...placeholder,
      placeholder: {
        ...placeholder.placeholder!,
        claim: { idMember: account.id, idMemberRequester: admin.memberId, date: new Date().toISOString() },
      },
    };
    await tx.putPlaceholder(updated);
    return updated;
  });
  return result;
}

/** A board admin (the caller checked) withdraws a pending request. */
export async function withdrawClaim(ctx: AppContext, boardId: string, placeholderId: string): Promise<void> {
  await ctx.store.transact(boardId, async (tx) => {
    const placeholder = await openPlaceholder(tx, placeholderId);
    await tx.putPlaceholder({ ...placeholder, placeholder: { ...placeholder.placeholder!, claim: null } });
  });
}

/**
 * The placeholder whose pending claim is addressed to this person, or 404: anyone else (the
 * admin who asked included) learns nothing about it here.
 */
async function claimAddressedTo(ctx: AppContext, me: MemberActor, placeholderId: string): Promise<Member> {
  const placeholder = await ctx.store.memberById(placeholderId);
  const info = placeholder?.placeholder;
  if (!placeholder || !info || info.claim?.idMember !== me.memberId || info.idMemberClaimedBy !== null)
    throw notFound("claim");
  return placeholder;
}

/** The person declines: the request is gone, the placeholder stays as it was. */
export async function declineClaim(ctx: AppContext, me: MemberActor, placeholderId: string): Promise<void> {
  const found = await claimAddressedTo(ctx, me, placeholderId);
  await ctx.store.transact(found.placeholder!.idBoard, async (tx) => {
    const placeholder = await tx.placeholder(placeholderId);
    if (placeholder?.placeholder?.claim?.idMember !== me.memberId) throw notFound("claim");
    await tx.putPlaceholder({ ...placeholder, placeholder: { ...placeholder.placeholder, claim: null } });
  });
}

interface AcceptClaimArgs {
  readonly placeholderId: string;
  /** The accepting account. */
  readonly account: Member;
}

const acceptClaimCommand = defineCommand({
  kind: "acceptClaim",
  async run(tx, { placeholderId, account }: AcceptClaimArgs, { actor, rec }): Promise<void> {
    // Read again under the board's lock: a withdrawn or re-addressed request does not move.
    const placeholder = await tx.placeholder(placeholderId);
    const info = placeholder?.placeholder;
    if (!placeholder || !info || info.claim?.idMember !== actor.memberId || info.idMemberClaimedBy !== null)
      throw notFound("claim");
    const from = placeholder.id;
    const to = account.id;
    const moved = await tx.moveActions(from, to);

    const cards = (await tx.all("card"))
      .filter((c) => c.idMembers.includes(from))
      .map((c) => ({ ...c, idMembers: [...new Set(c.idMembers.map((id) => (id === from ? to : id)))] }));
    await tx.putAll("card", cards);
    const checklists = (await tx.all("checklist"))
      .filter((c) => c.checkItems.some((i) => i.idMember === from))
      .map((c) => ({
        ...c,
        checkItems: c.checkItems.map((i) => (i.idMember === from ? { ...i, idMember: to } : i)),
      }));
    await tx.putAll("checklist", checklists);
    const attachments = (await tx.all("attachment"))
      .filter((a) => a.idMember === from)
      .map((a) => ({ ...a, idMember: to }));
    await tx.putAll("attachment", attachments);

    const memberships = await tx.memberships();
    const theirs = memberships.find((m) => m.idMember === from);
    const mine = memberships.find((m) => m.idMember === to);
    const changedMemberships: Membership[] = [];
    if (theirs) {
      await tx.removeMembership(from);
      const role =
        mine && RANK[mine.memberType] >= RANK[theirs.memberType] ? mine.memberType : theirs.memberType;
      const membership: Membership = mine
        ? { ...mine, memberType: role }
        : { id: newId(), idMember: to, memberType: role, starred: false };
      await tx.putMembership(membership);
      changedMemberships.push(membership);
    }
    const claimed: Member = {
      ...placeholder,
      placeholder: { ...info, claim: null, idMemberClaimedBy: to },
    };
    await tx.putPlaceholder(claimed);
    await rec.record(
      "addMemberToBoard",
      {
        board: boardRef(tx.board()),
        idMemberAdded: to,
        member: { id: to, name: account.fullName || account.username },
        claimedPlaceholder: { ...memberRef(placeholder), actions: moved },
      },
      {
        cards,
        checklists,
        attachments,
        memberships: changedMemberships,
        members: [account, claimed],
      },
      { deleted: theirs ? [{ kind: "membership", id: theirs.id }] : [] },
    );
  },
  replay: () => undefined,
});

/** The person accepts: everything the placeholder owned on its board becomes theirs, at once. */
export async function acceptClaim(
  ctx: AppContext,
  call: { actor: MemberActor; placeholderId: string; mutationId: string | null },
): Promise<{ boardId: string }> {
  const { actor: me, placeholderId, mutationId } = call;
  const found = await claimAddressedTo(ctx, me, placeholderId);
  const account = await ctx.store.memberById(me.memberId);
  if (!account) throw notFound("member");
  const boardId = found.placeholder!.idBoard;
  await execute(ctx, acceptClaimCommand, { actor: me, boardId, mutationId, placeholderId, account });
  return { boardId };
}

/** Pending requests addressed to this person, with the board and who asked. */
export async function pendingClaims(ctx: AppContext, me: MemberActor) {
  const placeholders = await ctx.store.pendingClaimsOf(me.memberId);
  const claims = [];
  for (const placeholder of placeholders) {
    const info = placeholder.placeholder!;
    const found = await ctx.store.boardById(info.idBoard);
    if (!found) continue;
    const requester = info.claim ? await ctx.store.memberById(info.claim.idMemberRequester) : null;
    claims.push({ placeholder, board: found.board, requester, date: info.claim?.date ?? null });
  }
  return claims;
}
