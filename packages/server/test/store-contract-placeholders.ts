// Store contract, placeholder members (people an import brought in, with no login): created in the
// board's transaction, never found as accounts or for login, read and saved only through their own
// board, their actions moved to an account, listed by pending claim, deleted with their board.
import assert from "node:assert/strict";
import { newId } from "@tack/shared/ids";
import type { Member } from "@tack/shared/models";
import type { ContractCase } from "./store-contract.ts";
import { aBoard, aStoredMember, unique } from "./support/store-fixtures.ts";

function aPlaceholder(idBoard: string, claimFor: string | null = null): Member {
  const id = newId();
  return {
    id,
    username: `${unique("carol")}-imported-${id.slice(-8)}`,
    fullName: "Carol Ünterberg",
    initials: "CÜ",
    avatarUrl: null,
    placeholder: {
      source: "trello",
      idBoard,
      trelloId: unique("trello"),
      trelloUsername: "carolu",
      claim: claimFor
        ? { idMember: claimFor, idMemberRequester: claimFor, date: new Date().toISOString() }
        : null,
      idMemberClaimedBy: null,
    },
  };
}

export const placeholderCases: ContractCase[] = [
  [
    "placeholders are made with their board and are never accounts or logins",
    async (store) => {
      const board = aBoard();
      const placeholder = aPlaceholder(board.id);
      await store.transact(board.id, (tx) => tx.insertPlaceholders([placeholder]), { create: board });
      assert.deepEqual(await store.memberById(placeholder.id), placeholder);
      assert.equal(await store.memberByUsername(placeholder.username), null);
      assert.equal(await store.credentialsOf(placeholder.username), null);
      assert.equal(await store.credentialsOf(`${placeholder.id}@placeholder.invalid`), null);
    },
  ],
  [
    "a placeholder is read and saved only through its own board",
    async (store) => {
      const board = aBoard();
      const other = aBoard();
      const account = await aStoredMember(store);
      const placeholder = aPlaceholder(board.id);
      await store.transact(board.id, (tx) => tx.insertPlaceholders([placeholder]), { create: board });
      await store.transact(other.id, async () => undefined, { create: other });
      const renamed = { ...placeholder, fullName: "Someone else" };
      await store.transact(other.id, async (tx) => {
        assert.equal(await tx.placeholder(placeholder.id), null);
        assert.equal(await tx.placeholder(account.id), null);
        await tx.putPlaceholder(renamed);
      });
      assert.equal((await store.memberById(placeholder.id))?.fullName, "Carol Ünterberg");
      await store.transact(board.id, async (tx) => {
        assert.deepEqual(await tx.placeholder(placeholder.id), placeholder);
        await tx.putPlaceholder(renamed);
        // An account is not a placeholder, whatever its document says.
        await tx.putPlaceholder({ ...account, placeholder: placeholder.placeholder! });
      });
      assert.equal((await store.memberById(placeholder.id))?.fullName, "Someone else");
      assert.deepEqual(await store.memberById(account.id), account);
    },
  ],
  [
    "a placeholder's actions on its board move to an account; pending claims are listed by account",
    async (store) => {
      const board = aBoard();
      const account = await aStoredMember(store);
      const asked = aPlaceholder(board.id, account.id);
      const notAsked = aPlaceholder(board.id);
      const action = (memberId: string) => ({
        id: newId(),
        type: "commentCard",
        memberId,
        date: new Date().toISOString(),
        data: { text: "hi" },
        models: {},
      });
      await store.transact(
        board.id,
        async (tx) => {
          await tx.insertPlaceholders([asked, notAsked]);
          await tx.recordAll([action(asked.id), action(asked.id), action(notAsked.id)]);
        },
        { create: board },
      );
      assert.deepEqual(
        (await store.pendingClaimsOf(account.id)).map((m) => m.id),
        [asked.id],
      );
      const { result: moved } = await store.transact(board.id, (tx) => tx.moveActions(asked.id, account.id));
      assert.equal(moved, 2);
      const creators = (await store.actions({ boardId: board.id, limit: 10 })).map((a) => a.idMemberCreator);
      assert.deepEqual(creators.sort(), [account.id, account.id, notAsked.id].sort());
      await store.transact(board.id, (tx) =>
        tx.putPlaceholder({
          ...asked,
          placeholder: { ...asked.placeholder!, idMemberClaimedBy: account.id },
        }),
      );
      assert.deepEqual(await store.pendingClaimsOf(account.id), []);
      await store.deleteBoard(board.id);
      assert.equal(await store.memberById(asked.id), null);
      assert.equal(await store.memberById(notAsked.id), null);
      assert.deepEqual(await store.memberById(account.id), account);
    },
  ],
];
