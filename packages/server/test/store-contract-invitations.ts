// Store contract, invitations (invitation-store.ts): pending invitations and join links (hashed
// tokens, e-mail invitations used once, gone with their board).
import assert from "node:assert/strict";
import { newId, newSecret } from "@tack/shared/ids";
import type { InvitationRecord, Store } from "../src/store/store.ts";
import type { ContractCase } from "./store-contract.ts";
import { aSeededBoard } from "./support/store-fixtures.ts";

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
];
