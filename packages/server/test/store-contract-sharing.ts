// Store contract, sharing: pending invitations and join links (hashed tokens, e-mail invitations
// used once), workspace roles that never leave a workspace without an admin, a workspace's boards.
import assert from "node:assert/strict";
import { newId, newSecret } from "@tack/shared/ids";
import type { InvitationRecord, Store } from "../src/store/store.ts";
import type { ContractCase } from "./store-contract.ts";
import { anOrganization, aSeededBoard, aStoredMember } from "./support/store-fixtures.ts";

function anInvitation(boardId: string, invitedBy: string, overrides: Partial<InvitationRecord> = {}) {
  return {
    id: newId(),
    tokenHash: newSecret(),
    boardId,
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

export const sharingCases: ContractCase[] = [
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
      assert.deepEqual(await store.invitationsOf(board.id), [email, link]);
      assert.deepEqual(await store.invitationByHash(link.tokenHash), link);
      assert.equal(await store.invitationByHash(newSecret()), null);
      assert.equal(await store.deleteInvitation(other.board.id, email.id), false, "another board's id");
      assert.equal(await store.deleteInvitation(board.id, email.id), true);
      assert.equal(await store.deleteInvitation(board.id, email.id), false);
      assert.deepEqual(await store.invitationsOf(board.id), [link]);
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
      assert.deepEqual(await store.invitationsOf(board.id), [link]);
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
    "workspace roles change atomically and never leave the workspace without an admin",
    async (store: Store) => {
      const owner = await aStoredMember(store);
      const second = await aStoredMember(store);
      const org = anOrganization();
      await store.insertOrganization(org, owner.id);
      assert.equal(await store.changeOrganizationRole(org.id, second.id, "normal"), "not-member");
      await store.addOrganizationMember(org.id, second.id, "normal");
      assert.equal(await store.changeOrganizationRole(org.id, owner.id, null), "last-admin");
      assert.equal(await store.changeOrganizationRole(org.id, owner.id, "normal"), "last-admin");
      assert.equal(await store.changeOrganizationRole(org.id, second.id, "admin"), "done");
      const demotions = await Promise.all([
        store.changeOrganizationRole(org.id, owner.id, "normal"),
        store.changeOrganizationRole(org.id, second.id, "normal"),
      ]);
      assert.deepEqual(demotions.sort(), ["done", "last-admin"]);
      const roles = await store.organizationMemberships(org.id);
      assert.equal(roles.filter((r) => r.role === "admin").length, 1);
      const normal = roles.find((r) => r.role === "normal")!;
      assert.equal(await store.changeOrganizationRole(org.id, normal.memberId, null), "done");
      assert.deepEqual(
        (await store.organizationMemberships(org.id)).map((r) => r.memberId),
        roles.filter((r) => r.role === "admin").map((r) => r.memberId),
      );
    },
  ],
  [
    "a workspace's boards are listed by workspace",
    async (store: Store) => {
      const owner = await aStoredMember(store);
      const org = anOrganization();
      await store.insertOrganization(org, owner.id);
      const inside = await aSeededBoard(store, { idOrganization: org.id });
      await aSeededBoard(store);
      assert.deepEqual(
        (await store.boardsOfOrganization(org.id)).map((b) => b.id),
        [inside.board.id],
      );
    },
  ],
];
