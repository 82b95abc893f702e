// Store contract, actions and changes (action-log.ts): sequence numbers, the activity feed, the
// change log, mutation ids, comments and their reactions.
import assert from "node:assert/strict";
import { TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import type { ContractCase } from "./store-contract.ts";
import { aCard, aDraft, aSeededBoard, aStoredMember } from "./support/store-fixtures.ts";

const hasCode = (code: string) => (error: unknown) => {
  assert.ok(error instanceof TackError, `expected a TackError, got ${String(error)}`);
  assert.equal(error.code, code);
  return true;
};

export const actionCases: ContractCase[] = [
  [
    "record() numbers actions 1..n without gaps and returns the changes in order",
    async (store) => {
      const { board, admin } = await aSeededBoard(store);
      const card = aCard(board.id, newId());
      const draft = aDraft(admin.id, {
        data: { n: 2 },
        models: { cards: [card] },
        deleted: [{ kind: "label", id: "x" }],
      });
      const { changes } = await store.transact(board.id, async (tx) => {
        const first = await tx.record(draft);
        assert.equal(first.seq, 2);
        await tx.record(aDraft(admin.id, { data: { n: 3 } }));
        await tx.record(aDraft(admin.id, { data: { n: 4 } }));
      });
      assert.deepEqual(
        changes.map((c) => c.seq),
        [2, 3, 4],
      );
      assert.deepEqual(changes[0], {
        board: board.id,
        seq: 2,
        action: {
          id: draft.id,
          idMemberCreator: admin.id,
          type: draft.type,
          date: draft.date,
          data: { n: 2 },
          seq: 2,
        },
        models: { cards: [card] },
        deleted: [{ kind: "label", id: "x" }],
      });
      assert.deepEqual(await store.changesSince(board.id, 1, 10), changes);
      assert.equal((await store.boardById(board.id))?.seq, 4);
    },
  ],
  [
    "a retried mutation id is found once and reusing it is a conflict that writes nothing",
    async (store) => {
      const { board, admin, list } = await aSeededBoard(store);
      const other = await aStoredMember(store);
      const draft = aDraft(admin.id, { mutationId: "m-1" });
      const { changes } = await store.transact(board.id, async (tx) => tx.record(draft));
      assert.deepEqual(await store.changeByMutation(admin.id, "m-1"), changes[0]);
      assert.equal(await store.changeByMutation(other.id, "m-1"), null);
      assert.equal(await store.changeByMutation(admin.id, "m-2"), null);
      const card = aCard(board.id, list.id);
      await assert.rejects(
        store.transact(board.id, async (tx) => {
          await tx.put("card", card);
          await tx.record(aDraft(admin.id, { mutationId: "m-1" }));
        }),
        hasCode("conflict"),
      );
      assert.equal(await store.objectById("card", card.id), null);
      assert.equal((await store.boardById(board.id))?.seq, 2);
      await store.transact(board.id, async (tx) => tx.record(aDraft(other.id, { mutationId: "m-1" })));
      assert.equal((await store.changeByMutation(other.id, "m-1"))?.seq, 3);
    },
  ],
  [
    "a mutation id keeps its kind, and the transaction sees an earlier attempt under the board lock",
    async (store) => {
      const { board, admin } = await aSeededBoard(store);
      const draft = aDraft(admin.id, { mutationId: "kinded-1", mutationKind: "updateCard" });
      const { changes } = await store.transact(board.id, async (tx) => {
        assert.equal(await tx.priorMutation(admin.id, "kinded-1"), null);
        return tx.record(draft);
      });
      assert.deepEqual(await store.priorMutation(admin.id, "kinded-1"), {
        kind: "updateCard",
        change: changes[0],
      });
      const seen = await store.transact(board.id, (tx) => tx.priorMutation(admin.id, "kinded-1"));
      assert.deepEqual(seen.result, { kind: "updateCard", change: changes[0] });
      await store.transact(board.id, (tx) => tx.record(aDraft(admin.id, { mutationId: "unkinded" })));
      assert.equal((await store.priorMutation(admin.id, "unkinded"))?.kind, null);
    },
  ],
  [
    "actions() filters by board, card, types and beforeSeq, newest first, up to the limit",
    async (store) => {
      const { board, admin } = await aSeededBoard(store);
      const cardId = newId();
      await store.transact(board.id, async (tx) => {
        await tx.record(aDraft(admin.id, { type: "createCard", cardId, data: { n: 2 } }));
        await tx.record(aDraft(admin.id, { type: "commentCard", cardId, data: { n: 3 } }));
        await tx.record(aDraft(admin.id, { type: "updateList", data: { n: 4 } }));
        await tx.record(aDraft(admin.id, { type: "commentCard", cardId, data: { n: 5 } }));
      });
      const seqs = async (q: Omit<Parameters<typeof store.actions>[0], "limit"> & { limit?: number }) =>
        (await store.actions({ limit: 100, ...q })).map((a) => a.seq);
      assert.deepEqual(await seqs({ boardId: board.id }), [5, 4, 3, 2, 1]);
      assert.deepEqual(await seqs({ boardId: board.id, limit: 2 }), [5, 4]);
      assert.deepEqual(await seqs({ boardId: board.id, beforeSeq: 4, limit: 2 }), [3, 2]);
      assert.deepEqual(await seqs({ cardId }), [5, 3, 2]);
      assert.deepEqual(await seqs({ boardId: board.id, types: ["commentCard", "updateList"] }), [5, 4, 3]);
      assert.deepEqual(await seqs({ boardId: board.id, types: [] }), [5, 4, 3, 2, 1]);
      assert.deepEqual(await seqs({ cardId, types: ["commentCard"], beforeSeq: 5 }), [3]);
      assert.deepEqual(await seqs({ boardId: newId() }), []);
      const [newest] = await store.actions({ boardId: board.id, limit: 1 });
      assert.deepEqual(newest?.data, { n: 5 });
      assert.equal(newest?.idMemberCreator, admin.id);
    },
  ],
  [
    "changesSince pages through the log oldest first",
    async (store) => {
      const { board, admin } = await aSeededBoard(store);
      for (let i = 0; i < 3; i++) await store.transact(board.id, async (tx) => tx.record(aDraft(admin.id)));
      const page = async (after: number, limit: number) =>
        (await store.changesSince(board.id, after, limit)).map((c) => c.seq);
      assert.deepEqual(await page(0, 2), [1, 2]);
      assert.deepEqual(await page(2, 2), [3, 4]);
      assert.deepEqual(await page(4, 2), []);
      assert.deepEqual(await page(1, 100), [2, 3, 4]);
    },
  ],
  [
    "a comment is edited, then hidden from the feed but kept in the change log",
    async (store) => {
      const { board, admin, list } = await aSeededBoard(store);
      const card = aCard(board.id, list.id);
      const comment = aDraft(admin.id, {
        type: "commentCard",
        cardId: card.id,
        data: { text: "frist", card: { id: card.id } },
      });
      await store.transact(board.id, async (tx) => {
        await tx.put("card", card);
        await tx.record(comment);
      });
      await store.transact(board.id, async (tx) => {
        assert.equal((await tx.comment(comment.id))?.data.text, "frist");
        assert.equal(await tx.comment(newId()), null);
        await tx.putCommentText(comment.id, "first");
      });
      assert.deepEqual((await store.actionById(comment.id))?.data, { text: "first", card: { id: card.id } });
      assert.equal((await store.actionById(comment.id))?.idBoard, board.id);
      assert.deepEqual(
        (await store.actions({ boardId: board.id, limit: 10 })).map((a) => a.data.text),
        ["first", undefined],
      );
      await store.transact(board.id, async (tx) => {
        await tx.removeComment(comment.id);
        assert.equal(await tx.comment(comment.id), null);
      });
      assert.equal(await store.actionById(comment.id), null);
      assert.deepEqual(await store.actions({ cardId: card.id, limit: 10 }), []);
      const log = await store.changesSince(board.id, 0, 10);
      assert.deepEqual(
        log.map((c) => c.action.id),
        [log[0]?.action.id, comment.id],
      );
    },
  ],
  [
    "a comment of another board or a non-comment action is not a comment",
    async (store) => {
      const mine = await aSeededBoard(store);
      const theirs = await aSeededBoard(store);
      const foreign = aDraft(theirs.admin.id, { type: "commentCard", data: { text: "theirs" } });
      await store.transact(theirs.board.id, async (tx) => tx.record(foreign));
      const [created] = await store.changesSince(mine.board.id, 0, 1);
      await store.transact(mine.board.id, async (tx) => {
        assert.equal(await tx.comment(foreign.id), null);
        assert.equal(await tx.comment(created!.action.id), null);
        await tx.putCommentText(foreign.id, "defaced");
        await tx.removeComment(foreign.id);
      });
      assert.equal((await store.actionById(foreign.id))?.data.text, "theirs");
    },
  ],
  [
    "a removed comment keeps a tombstone without text; edits keep no replaced text",
    async (store) => {
      const { board, admin, list } = await aSeededBoard(store);
      const card = aCard(board.id, list.id);
      const comment = (text: string) =>
        aDraft(admin.id, { type: "commentCard", cardId: card.id, data: { text, card: { id: card.id } } });
      const kept = comment("one");
      const gone = comment("secret");
      const edit = (id: string, text: string, old: string) =>
        aDraft(admin.id, { type: "updateComment", data: { action: { id, text }, old: { text: old } } });
      await store.transact(board.id, async (tx) => {
        await tx.put("card", card);
        await tx.record(kept);
        await tx.record(gone);
      });
      await store.transact(board.id, async (tx) => {
        await tx.putCommentText(kept.id, "two");
        await tx.record(edit(kept.id, "two", "one"));
        await tx.putCommentText(gone.id, "secret edited");
        await tx.record(edit(gone.id, "secret edited", "secret"));
      });
      await store.transact(board.id, async (tx) => {
        await tx.putCommentText(kept.id, "three");
        await tx.removeComment(gone.id);
      });
      const changes = await store.changesSince(board.id, 0, 100);
      const log = JSON.stringify(changes);
      for (const word of ["one", "two", "secret"])
        assert.ok(!log.includes(`"${word}`), `${word} left in the log`);
      assert.ok(log.includes('"three"'));
      assert.equal(changes.find((c) => c.action.id === gone.id)?.action.data.text, "");
      assert.equal(await store.actionById(gone.id), null);
    },
  ],
  [
    "reactions: stored per comment, member and emoji, read oldest first, gone with their comment",
    async (store) => {
      const { board, admin, list } = await aSeededBoard(store);
      const theirs = await aSeededBoard(store);
      const card = aCard(board.id, list.id);
      const comment = aDraft(admin.id, { type: "commentCard", cardId: card.id, data: { text: "hi" } });
      const other = aDraft(admin.id, { type: "commentCard", cardId: card.id, data: { text: "kept" } });
      const reaction = (idAction: string, unified: string, date: string) => ({
        id: newId(),
        idAction,
        idMember: admin.id,
        emoji: { unified, native: String.fromCodePoint(Number.parseInt(unified, 16)), shortName: unified },
        date,
      });
      const later = reaction(comment.id, "1F389", "2026-01-02T00:00:00.000Z");
      const earlier = reaction(comment.id, "1F44D", "2026-01-01T00:00:00.000Z");
      const onOther = reaction(other.id, "1F440", "2026-01-03T00:00:00.000Z");
      await store.transact(board.id, async (tx) => {
        await tx.put("card", card);
        await tx.record(comment);
        await tx.record(other);
        await tx.putReaction(later);
        await tx.putReaction(earlier);
        await tx.putReaction(onOther);
        assert.deepEqual(
          (await tx.reactionsOf(comment.id)).map((r) => r.id),
          [earlier.id, later.id],
        );
      });
      assert.deepEqual(await store.reactions([comment.id]), [earlier, later]);
      assert.deepEqual(await store.reactions([]), []);
      // The same emoji twice by one member is refused by the store; the transaction writes nothing.
      await assert.rejects(
        store.transact(board.id, async (tx) => {
          await tx.putReaction(reaction(other.id, "1F44E", "2026-01-04T00:00:00.000Z"));
          await tx.putReaction({ ...earlier, id: newId() });
        }),
      );
      assert.deepEqual(await store.reactions([other.id]), [onOther]);
      // Another board's transaction neither sees nor removes them.
      await store.transact(theirs.board.id, async (tx) => {
        assert.deepEqual(await tx.reactionsOf(comment.id), []);
        await tx.removeReaction(earlier.id);
      });
      assert.equal((await store.reactions([comment.id])).length, 2);
      await store.transact(board.id, async (tx) => {
        await tx.removeReaction(later.id);
        await tx.removeComment(comment.id);
      });
      assert.deepEqual(await store.reactions([comment.id, other.id]), [onOther]);
    },
  ],
];
