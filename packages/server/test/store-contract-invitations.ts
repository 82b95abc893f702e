// Store contract, invitations (invitation-store.ts): pending invitations and join links to boards
// and workspaces (hashed tokens, e-mail invitations used once, gone with their board, stored with
// the outbox entry that mails them).
import assert from "node:assert/strict";
import { newId, newSecret } from "@tack/shared/ids";
import type { InvitationRecord, InvitationTarget, Store } from "../src/store/store.ts";
import type { ContractCase } from "./store-contract.ts";
import { aSeededBoard } from "./support/store-fixtures.ts";

const onBoard = (id: string): InvitationTarget => ({ kind: "board", id });

function anInvitation(boardId: string, invitedBy: string, overrides: Partial<InvitationRecord> = {}) {
  return {
    id: newId(),
    tokenHash: newSecret(),
    target: onBoard(boardId),
    kind: "email",
    email: "someone@example.test",
    fullName: "Some One",
    role: "normal",
    invitedBy,
    createdAt: Date.now(),
    expiresAt: Date.now() + 60_000,
    ...overrides,
  } satisfies InvitationRecord;
}

export const invitationCases: ContractCase[] = [
  [
    "invitations are listed per board, found by hash and deleted by board and id",
    async (store: Store) => {
      const { board, admin } = await aSeededBoard(store);
      const other = await aSeededBoard(store);
      const email = anInvitation(board.id, admin.id, { createdAt: 1 });
      const link = anInvitation(board.id, admin.id, {
        kind: "link",
        email: null,
        expiresAt: null,
        createdAt: 2,
      });
      await store.insertInvitation(email);
      await store.insertInvitation(link);
      assert.deepEqual(await store.invitationsOf(onBoard(board.id)), [email, link]);
      assert.deepEqual(await store.invitationByHash(link.tokenHash), link);
      assert.equal(await store.invitationByHash(newSecret()), null);
      assert.equal(
        await store.deleteInvitation(onBoard(other.board.id), email.id),
        false,
        "another board's id",
      );
      assert.equal(await store.deleteInvitation(onBoard(board.id), email.id), true);
      assert.equal(await store.deleteInvitation(onBoard(board.id), email.id), false);
      assert.deepEqual(await store.invitationsOf(onBoard(board.id)), [link]);
    },
  ],
  [
    "redeeming uses an e-mail invitation up, once, even concurrently; a join link stays",
    async (store: Store) => {
      const { board, admin } = await aSeededBoard(store);
      const email = anInvitation(board.id, admin.id);
      const link = anInvitation(board.id, admin.id, { kind: "link", email: null, expiresAt: null });
      await store.insertInvitation(email);
      await store.insertInvitation(link);
      const both = await Promise.all([
        store.redeemInvitation(email.tokenHash),
        store.redeemInvitation(email.tokenHash),
      ]);
      assert.deepEqual(
        both.filter((r) => r !== null),
        [email],
      );
      assert.deepEqual(await store.redeemInvitation(link.tokenHash), link);
      assert.deepEqual(await store.redeemInvitation(link.tokenHash), link);
      assert.deepEqual(await store.invitationsOf(onBoard(board.id)), [link]);
    },
  ],
  [
    "a deleted board takes its invitations with it",
    async (store: Store) => {
      const { board, admin } = await aSeededBoard(store);
      const link = anInvitation(board.id, admin.id, { kind: "link", email: null, expiresAt: null });
      await store.insertInvitation(link);
      await store.deleteBoard(board.id);
      assert.equal(await store.invitationByHash(link.tokenHash), null);
    },
  ],
  [
    "a workspace's invitations are its own, and are stored with their mail in one step",
    async (store: Store) => {
      const { board, admin } = await aSeededBoard(store);
      const orgId = newId();
      await store.insertOrganization(
        { id: orgId, name: `ws${orgId}`, displayName: "WS", desc: "" },
        admin.id,
      );
      const workspace: InvitationTarget = { kind: "organization", id: orgId };
      const invited = anInvitation(board.id, admin.id, { target: workspace, role: "admin" });
      const mails = async () =>
        (await store.notify.pendingOutbox(1000)).filter((e) => e.topic === "invitation-mail");
      const before = (await mails()).length;
      await store.insertInvitation(invited, {
        topic: "invitation-mail",
        payload: { invitation: invited.id },
      });
      assert.deepEqual(await store.invitationsOf(workspace), [invited]);
      assert.deepEqual(await store.invitationsOf(onBoard(board.id)), [], "not the board's");
      assert.deepEqual(await store.invitationByHash(invited.tokenHash), invited);
      const queued = await mails();
      assert.equal(queued.length, before + 1);
      assert.deepEqual(queued.at(-1)?.payload, { invitation: invited.id });
      // A second row with the same token fails, and takes its mail with it.
      await assert.rejects(
        store.insertInvitation({ ...invited, id: newId() }, { topic: "invitation-mail", payload: {} }),
      );
      assert.equal((await mails()).length, before + 1, "no mail without its row");
      assert.equal(
        await store.deleteInvitation(onBoard(orgId), invited.id),
        false,
        "a board id is not a workspace's",
      );
      assert.deepEqual(await store.redeemInvitation(invited.tokenHash), invited);
      assert.deepEqual(await store.invitationsOf(workspace), []);
    },
  ],
];
