// Store contract, board writes (board-store.ts, BoardWriter and the board half of BoardTx): transact,
// objects, memberships, rollback, concurrency, deleting a board.
import assert from "node:assert/strict";
import { TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import type { Card } from "@tack/shared/models";
import type { ContractCase } from "./store-contract.ts";
import {
  aBoard,
  aCard,
  aChecklist,
  aDraft,
  aLabel,
  aList,
  aMembership,
  anAttachment,
  aSeededBoard,
  aStoredMember,
} from "./support/store-fixtures.ts";

const hasCode = (code: string) => (error: unknown) => {
  assert.ok(error instanceof TackError, `expected a TackError, got ${String(error)}`);
  assert.equal(error.code, code);
  return true;
};

export const boardWriteCases: ContractCase[] = [
  [
    "transact({create}) creates the board at seq 0; its record() gets seq 1",
    async (store) => {
      const member = await aStoredMember(store);
      const board = aBoard();
      const { result, changes } = await store.transact(
        board.id,
        async (tx) => {
          assert.deepEqual(tx.board(), board);
          await tx.record(aDraft(member.id, { type: "createBoard" }));
          return "made";
        },
        { create: board },
      );
      assert.equal(result, "made");
      assert.deepEqual(
        changes.map((c) => c.seq),
        [1],
      );
      assert.deepEqual(await store.boardById(board.id), { board, seq: 1 });
      const empty = aBoard();
      await store.transact(empty.id, async () => undefined, { create: empty });
      assert.deepEqual(await store.boardById(empty.id), { board: empty, seq: 0 });
    },
  ],
  [
    "transact on a missing board is not_found; creating an existing board fails",
    async (store) => {
      await assert.rejects(
        store.transact(newId(), async () => undefined),
        hasCode("not_found"),
      );
      const { board } = await aSeededBoard(store);
      await assert.rejects(store.transact(board.id, async () => undefined, { create: board }));
      assert.equal((await store.boardById(board.id))?.seq, 1);
    },
  ],
  [
    "putBoard is saved with the transaction",
    async (store) => {
      const { board, admin } = await aSeededBoard(store);
      const renamed = { ...board, name: "Renamed", cardCounter: 7 };
      await store.transact(board.id, async (tx) => {
        await tx.putBoard(renamed);
        assert.deepEqual(tx.board(), renamed);
        await tx.record(aDraft(admin.id, { type: "updateBoard" }));
      });
      assert.deepEqual(await store.boardById(board.id), { board: renamed, seq: 2 });
    },
  ],
  [
    "objects of every kind are put, got, listed by parent and kind, counted and removed",
    async (store) => {
      const { board, admin, list } = await aSeededBoard(store);
      const open = aCard(board.id, list.id, { name: "open" });
      const closed = aCard(board.id, list.id, { name: "closed", closed: true });
      const elsewhere = aCard(board.id, newId());
      const label = aLabel(board.id);
      const checklist = aChecklist(board.id, open.id);
      const attachment = anAttachment(board.id, open.id, admin.id);
      await store.transact(board.id, async (tx) => {
        for (const card of [open, closed, elsewhere]) await tx.put("card", card);
        await tx.put("label", label);
        await tx.put("checklist", checklist);
        await tx.put("attachment", attachment);
        assert.deepEqual(await tx.get("card", open.id), open);
        assert.equal(await tx.get("list", open.id), null, "an id under another kind is not found");
        assert.deepEqual(await tx.get("checklist", checklist.id), checklist);
        assert.deepEqual(await tx.get("attachment", attachment.id), attachment);
        assert.deepEqual(ids(await tx.children("card", list.id)), ids([open, closed]));
        assert.deepEqual(await tx.children("checklist", open.id), [checklist]);
        assert.deepEqual(await tx.children("attachment", open.id), [attachment]);
        assert.deepEqual(ids(await tx.all("card")), ids([open, closed, elsewhere]));
        assert.deepEqual(await tx.all("label"), [label]);
        assert.equal(await tx.countOpen("card"), 2);
        assert.equal(await tx.countOpen("list"), 1);
        const moved = { ...open, idList: elsewhere.idList, closed: true };
        await tx.put("card", moved);
        assert.deepEqual(await tx.get("card", open.id), moved);
        assert.deepEqual(ids(await tx.children("card", list.id)), [closed.id]);
        assert.equal(await tx.countOpen("card"), 1);
        await tx.remove("label", label.id);
        await tx.remove("card", elsewhere.id);
        assert.equal(await tx.get("label", label.id), null);
      });
      assert.deepEqual(await store.objectById("card", open.shortLink), {
        ...open,
        idList: elsewhere.idList,
        closed: true,
      });
      assert.deepEqual(await store.objectById("checklist", checklist.id), checklist);
      assert.equal(await store.objectById("label", label.id), null);
      assert.deepEqual(ids(await store.objectsOf(board.id, "card")), ids([open, closed]));
      assert.deepEqual(await store.childrenOf("attachment", open.id), [attachment]);
      assert.deepEqual(await store.objectsOf(board.id, "list"), [list]);
    },
  ],
  [
    "inside a transaction another board's objects are invisible and untouchable",
    async (store) => {
      const mine = await aSeededBoard(store);
      const theirs = await aSeededBoard(store);
      const card = aCard(theirs.board.id, theirs.list.id);
      await store.transact(theirs.board.id, async (tx) => tx.put("card", card));
      await store.transact(mine.board.id, async (tx) => {
        assert.equal(await tx.get("card", card.id), null);
        assert.equal(await tx.get("list", theirs.list.id), null);
        assert.deepEqual(await tx.children("card", theirs.list.id), []);
        await tx.put("card", { ...card, idBoard: mine.board.id, name: "hijacked" });
        await tx.remove("list", theirs.list.id);
      });
      assert.deepEqual(await store.objectById("card", card.id), card);
      assert.deepEqual(await store.objectsOf(theirs.board.id, "list"), [theirs.list]);
      assert.deepEqual(await store.objectsOf(mine.board.id, "card"), []);
    },
  ],
  [
    "prefetch changes no answer: reads after it see stored rows, this transaction's writes over them, and nothing of another board",
    async (store) => {
      const { board, list } = await aSeededBoard(store);
      const other = aList(board.id, { name: "Doing", pos: 131_070 });
      const cards = [1, 2, 3].map((n) => aCard(board.id, list.id, { name: `Card ${n}`, pos: n * 1000 }));
      const label = aLabel(board.id);
      const checklist = aChecklist(board.id, cards[0]!.id);
      await store.transact(board.id, async (tx) => {
        await tx.put("list", other);
        for (const card of cards) await tx.put("card", card);
        await tx.put("label", label);
        await tx.put("checklist", checklist);
      });
      const theirs = await aSeededBoard(store);
      const stranger = aCard(theirs.board.id, theirs.list.id);
      await store.transact(theirs.board.id, async (tx) => tx.put("card", stranger));
      const byPos = <T extends { pos: number }>(xs: T[]) => [...xs].sort((a, b) => a.pos - b.pos);
      const [first, second, third] = cards as [Card, Card, Card];
      await store.transact(board.id, async (tx) => {
        await tx.prefetch({
          ids: [first.id, other.id, stranger.id, newId()],
          parentsOf: [first.id],
          children: [
            { kind: "checklist", of: first.id },
            { kind: "card", of: other.id },
          ],
          siblings: [{ kind: "card", of: second.id }],
          all: ["label"],
        });
        assert.deepEqual(await tx.get("card", first.id), first);
        assert.equal(await tx.get("list", first.id), null, "the right id of another kind is not found");
        assert.deepEqual(await tx.get("list", list.id), list, "the card's list came with it");
        assert.equal(await tx.get("card", stranger.id), null, "another board's card stays invisible");
        assert.deepEqual(byPos(await tx.children("card", list.id)), cards);
        assert.deepEqual(await tx.children("card", other.id), []);
        assert.deepEqual(await tx.children("checklist", first.id), [checklist]);
        assert.deepEqual(await tx.all("label"), [label]);
        // This transaction's writes lie over what was read ahead.
        const moved = { ...second, idList: other.id, pos: 5 };
        await tx.put("card", moved);
        await tx.remove("card", third.id);
        const added = aLabel(board.id, { name: "new" });
        await tx.put("label", added);
        assert.deepEqual(await tx.children("card", list.id), [first]);
        assert.deepEqual(await tx.children("card", other.id), [moved]);
        assert.equal(await tx.get("card", third.id), null);
        assert.deepEqual(await tx.get("card", second.id), moved);
        assert.deepEqual((await tx.all("label")).map((l) => l.id).sort(), [label.id, added.id].sort());
        // A statement that flushes first (countOpen) leaves reads answering from the table.
        assert.equal(await tx.countOpen("card"), 2);
        assert.deepEqual(await tx.children("card", other.id), [moved]);
        assert.equal(await tx.get("card", third.id), null);
      });
      assert.deepEqual(byPos(await store.childrenOf("card", other.id)), [
        { ...second, idList: other.id, pos: 5 },
      ]);
      // A transaction that fails after its read ahead writes nothing.
      await assert.rejects(
        store.transact(board.id, async (tx) => {
          await tx.prefetch({ ids: [first.id], siblings: [{ kind: "card", of: first.id }] });
          await tx.put("card", { ...first, name: "lost" });
          throw new Error("nope");
        }),
      );
      assert.equal((await store.objectById("card", first.id))?.name, "Card 1");
    },
  ],
  [
    "positions answers the ids and positions of a parent's children, read ahead or not, with this transaction's writes over them",
    async (store) => {
      const { board, list } = await aSeededBoard(store);
      const other = aList(board.id, { name: "Doing", pos: 131_070 });
      const empty = aList(board.id, { name: "Empty", pos: 196_605 });
      // Positions a float must carry exactly: a midpoint far down, one near the top, a huge one.
      const cards = [65_536 * 1.5, 1 / 3, 2 ** 52 - 65_536].map((pos, n) =>
        aCard(board.id, list.id, { name: `Card ${n}`, pos }),
      );
      const theirs = await aSeededBoard(store);
      const stranger = aCard(theirs.board.id, theirs.list.id);
      await store.transact(theirs.board.id, async (tx) => tx.put("card", stranger));
      await store.transact(board.id, async (tx) => {
        await tx.putAll("list", [other, empty]);
        await tx.putAll("card", cards);
        await tx.put("checklist", aChecklist(board.id, cards[0]!.id, { pos: 7 }));
      });
      const [first, second, third] = cards as [Card, Card, Card];
      const placed = (xs: readonly { id: string; pos: number }[]) =>
        [...xs].map(({ id, pos }) => ({ id, pos })).sort((a, b) => a.pos - b.pos);
      const expected = placed(cards);
      for (const reads of [
        undefined,
        { positions: [{ kind: "card" as const, of: list.id }] },
        { siblingPositions: [{ kind: "card" as const, of: second.id }] },
      ]) {
        const undone = store.transact(board.id, async (tx) => {
          if (reads) await tx.prefetch(reads);
          assert.deepEqual(placed(await tx.positions("card", list.id)), expected, JSON.stringify(reads));
          assert.deepEqual(await tx.positions("card", empty.id), []);
          assert.deepEqual(
            await tx.positions("card", theirs.list.id),
            [],
            "another board's list is empty here",
          );
          assert.deepEqual(await tx.positions("checklist", first.id), [
            { id: (await tx.children("checklist", first.id))[0]!.id, pos: 7 },
          ]);
          // This transaction's writes lie over the stored positions: a move away, a move within,
          // a removal, a new card.
          await tx.put("card", { ...second, idList: other.id, pos: 5 });
          await tx.put("card", { ...first, pos: 0.5 });
          await tx.remove("card", third.id);
          const added = aCard(board.id, list.id, { pos: 9 });
          await tx.put("card", added);
          assert.deepEqual(placed(await tx.positions("card", list.id)), [
            { id: first.id, pos: 0.5 },
            { id: added.id, pos: 9 },
          ]);
          assert.deepEqual(await tx.positions("card", other.id), [{ id: second.id, pos: 5 }]);
          throw new Error("undo");
        });
        // An assertion that failed inside is thrown as itself; the planned throw only undoes.
        await assert.rejects(undone, (error: Error) => {
          if (error.message !== "undo") throw error;
          return true;
        });
      }
      // A document stored without a position (an older writer) counts as 0, as its reader fills it.
      const unplaced = { ...aCard(board.id, empty.id), pos: undefined } as unknown as Card;
      await store.transact(board.id, (tx) => tx.put("card", unplaced));
      for (const reads of [undefined, { positions: [{ kind: "card" as const, of: empty.id }] }])
        await store.transact(board.id, async (tx) => {
          if (reads) await tx.prefetch(reads);
          assert.deepEqual(await tx.positions("card", empty.id), [{ id: unplaced.id, pos: 0 }]);
          assert.equal((await tx.get("card", unplaced.id))?.pos, 0, "the reader's default");
        });
    },
  ],
  [
    "memberships are added, changed and removed",
    async (store) => {
      const { board, admin } = await aSeededBoard(store);
      const guest = await aStoredMember(store);
      const observer = aMembership(guest.id, "observer");
      await store.transact(board.id, async (tx) => {
        await tx.putMembership(observer);
        await tx.putMembership({ ...observer, memberType: "normal", starred: true });
        const all = await tx.memberships();
        assert.deepEqual(all.map((m) => m.idMember).sort(), [admin.id, guest.id].sort());
        assert.deepEqual(
          all.find((m) => m.idMember === guest.id),
          { ...observer, memberType: "normal", starred: true },
        );
      });
      assert.equal((await store.boardAccess(board.id, guest.id))?.access.role, "normal");
      await store.transact(board.id, async (tx) => tx.removeMembership(guest.id));
      assert.equal((await store.boardAccess(board.id, guest.id))?.access.role, null);
      assert.deepEqual(await store.boardsOf(guest.id), []);
    },
  ],
  [
    "a transaction that throws writes nothing and leaves the seq unchanged",
    async (store) => {
      const { board, admin, list } = await aSeededBoard(store);
      const card = aCard(board.id, list.id);
      const failure = new Error("the command changed its mind");
      await assert.rejects(
        store.transact(board.id, async (tx) => {
          await tx.put("card", card);
          await tx.remove("list", list.id);
          await tx.putBoard({ ...board, name: "never" });
          await tx.putMembership(aMembership(admin.id, "observer"));
          await tx.record(aDraft(admin.id));
          throw failure;
        }),
        (error) => error === failure,
      );
      assert.equal(await store.objectById("card", card.id), null);
      assert.deepEqual(await store.objectsOf(board.id, "list"), [list]);
      assert.deepEqual(await store.boardById(board.id), { board, seq: 1 });
      assert.equal((await store.boardAccess(board.id, admin.id))?.access.role, "admin");
      assert.equal((await store.changesSince(board.id, 0, 10)).length, 1);
      const { changes } = await store.transact(board.id, async (tx) => tx.record(aDraft(admin.id)));
      assert.equal(changes[0]?.seq, 2);
    },
  ],
  [
    "50 concurrent transactions on one board get seqs 2..51, each exactly once",
    async (store) => {
      const { board, admin } = await aSeededBoard(store);
      const runs = Array.from({ length: 50 }, (_, i) =>
        store.transact(board.id, async (tx) => {
          const before = tx.board().cardCounter;
          await tx.putBoard({ ...tx.board(), cardCounter: before + 1 });
          return (await tx.record(aDraft(admin.id, { data: { i } }))).seq;
        }),
      );
      const seqs = (await Promise.all(runs)).map((r) => r.result).sort((a, b) => a - b);
      assert.deepEqual(
        seqs,
        Array.from({ length: 50 }, (_, i) => i + 2),
      );
      const log = await store.changesSince(board.id, 0, 100);
      assert.deepEqual(
        log.map((c) => c.seq),
        Array.from({ length: 51 }, (_, i) => i + 1),
      );
      assert.deepEqual(await store.boardById(board.id), { board: { ...board, cardCounter: 50 }, seq: 51 });
    },
  ],
  [
    "concurrent transactions that declare their reads (read ahead together when grouped): each sees what the ones before it wrote, never what a failed one buffered",
    async (store) => {
      const { board, admin, list } = await aSeededBoard(store);
      const done = aList(board.id, { name: "Done" });
      const cards = Array.from({ length: 12 }, (_, i) => aCard(board.id, list.id, { pos: i + 1 }));
      await store.transact(board.id, async (tx) => {
        await tx.put("list", done);
        for (const card of cards) await tx.put("card", card);
      });
      const fails = (i: number) => i % 4 === 3;
      const runs = cards.map((card, i) =>
        store.transact(
          board.id,
          async (tx) => {
            const stored = await tx.get("card", card.id);
            assert.deepEqual(stored, card);
            assert.deepEqual(await tx.get("list", list.id), list);
            const already = await tx.children("card", done.id);
            await tx.put("card", { ...card, idList: done.id, pos: 100 + i });
            await tx.record(aDraft(admin.id, { cardId: card.id, data: { i } }));
            if (fails(i)) throw new TackError("invalid_input", `no ${i}`);
            return already.map((c) => c.id).sort();
          },
          {
            reads: {
              ids: [card.id],
              parentsOf: [card.id],
              children: [{ kind: "card", of: done.id }],
              siblings: [{ kind: "card", of: card.id }],
            },
          },
        ),
      );
      const settled = await Promise.allSettled(runs);
      settled.forEach((outcome, i) => {
        if (fails(i)) {
          assert.equal(outcome.status, "rejected", `transaction ${i} should fail`);
          return;
        }
        assert.equal(outcome.status, "fulfilled", String((outcome as PromiseRejectedResult).reason));
        const seen = (outcome as PromiseFulfilledResult<{ result: string[] }>).value.result;
        const before = cards.filter((_, j) => j < i && !fails(j)).map((c) => c.id);
        assert.deepEqual(seen, before.sort(), `transaction ${i} sees the moves before it, and only those`);
      });
      const moved = cards.filter((_, i) => !fails(i)).map((c) => c.id);
      assert.deepEqual((await store.childrenOf("card", done.id)).map((c) => c.id).sort(), moved.sort());
      assert.equal((await store.boardById(board.id))?.seq, 1 + moved.length, "failed ones took no seq");
    },
  ],
  [
    "concurrent transactions of one board (grouped on PostgreSQL): each its own answer or failure, failures leave nothing, seqs without gaps",
    async (store) => {
      const { board, admin, list } = await aSeededBoard(store);
      const guest = await aStoredMember(store);
      const cards = Array.from({ length: 24 }, () => aCard(board.id, list.id));
      const seen = new Set<unknown>();
      // Every fourth fails after buffering a card (no database write yet); every sixth after a
      // direct write (a membership: on PostgreSQL a savepoint must undo it); the rest commit.
      const runs = cards.map((card, i) =>
        store.transact(board.id, async (tx) => {
          seen.add(tx);
          await tx.put("card", card);
          if (i % 6 === 5) await tx.putMembership(aMembership(guest.id, "normal"));
          const change = await tx.record(aDraft(admin.id, { cardId: card.id, data: { i } }));
          // Reads see what earlier transactions of the same group wrote.
          assert.equal((await tx.children("card", list.id)).filter((c) => c.id === card.id).length, 1);
          if (i % 4 === 3 || i % 6 === 5) throw new TackError("invalid_input", `no ${i}`);
          return change.seq;
        }),
      );
      const settled = await Promise.allSettled(runs);
      const committed: number[] = [];
      settled.forEach((outcome, i) => {
        const fails = i % 4 === 3 || i % 6 === 5;
        if (fails) {
          assert.equal(outcome.status, "rejected", `transaction ${i} should fail`);
          assert.match(String((outcome as PromiseRejectedResult).reason), new RegExp(`no ${i}$`));
        } else {
          assert.equal(
            outcome.status,
            "fulfilled",
            `transaction ${i}: ${String((outcome as PromiseRejectedResult).reason)}`,
          );
          const { result, changes } = (
            outcome as PromiseFulfilledResult<{ result: number; changes: { seq: number }[] }>
          ).value;
          assert.deepEqual(
            changes.map((c) => c.seq),
            [result],
          );
          committed.push(i);
        }
      });
      const log = await store.changesSince(board.id, 1, 100);
      assert.deepEqual(
        log.map((c) => c.seq),
        committed.map((_, k) => k + 2),
        "the committed transactions' seqs follow 1 without gaps",
      );
      assert.deepEqual(
        log.map((c) => (c.action.data as { i: number }).i),
        committed,
        "in the order they were queued",
      );
      const stored = new Set((await store.objectsOf(board.id, "card")).map((c) => c.id));
      for (const [i, card] of cards.entries())
        assert.equal(stored.has(card.id), committed.includes(i), `card ${i}`);
      assert.equal(
        await store.boardAccess(board.id, guest.id).then((a) => a?.access.role),
        null,
        "no membership leaked",
      );
      assert.equal((await store.boardById(board.id))?.seq, 1 + committed.length);
      if (store.kind === "postgres")
        assert.ok(seen.size < cards.length, "transactions queued together ran as groups");
    },
  ],
  [
    "deleteBoard removes the board and everything on it",
    async (store) => {
      const { board, admin, list } = await aSeededBoard(store);
      const card = aCard(board.id, list.id);
      const comment = aDraft(admin.id, { type: "commentCard", cardId: card.id, mutationId: "gone" });
      await store.transact(board.id, async (tx) => {
        await tx.put("card", card);
        await tx.put("checklist", aChecklist(board.id, card.id));
        await tx.record(comment);
      });
      const survivor = await aSeededBoard(store);
      await store.deleteBoard(board.id);
      assert.equal(await store.boardById(board.id), null);
      assert.equal(await store.loadBoard(board.id), null);
      assert.equal(await store.boardAccess(board.shortLink, admin.id), null);
      assert.equal(await store.objectById("card", card.shortLink), null);
      assert.deepEqual(await store.childrenOf("checklist", card.id), []);
      assert.deepEqual(await store.objectsOf(board.id, "list"), []);
      assert.equal(await store.actionById(comment.id), null);
      assert.deepEqual(await store.changesSince(board.id, 0, 10), []);
      assert.equal(await store.changeByMutation(admin.id, "gone"), null);
      assert.deepEqual(await store.boardsOf(admin.id), []);
      assert.deepEqual(await store.memberById(admin.id), admin);
      assert.equal((await store.loadBoard(survivor.board.id))?.lists.length, 1);
      const again = aBoard({ id: board.id, shortLink: board.shortLink });
      await store.transact(board.id, async () => undefined, { create: again });
      assert.deepEqual(await store.boardById(board.id), { board: again, seq: 0 });
    },
  ],
  [
    "removeBoard deletes the board with everything on it when the transaction commits, after its last action",
    async (store) => {
      const { board, admin, list } = await aSeededBoard(store);
      const card = aCard(board.id, list.id);
      await store.transact(board.id, (tx) => tx.put("card", card));
      const { changes } = await store.transact(board.id, async (tx) => {
        await tx.record(
          aDraft(admin.id, { type: "deleteBoard", deleted: [{ kind: "board", id: board.id }] }),
        );
        await tx.removeBoard();
      });
      assert.equal(changes.length, 1, "the deletion's change is handed back for the live feed");
      assert.equal(await store.boardById(board.id), null);
      assert.equal(await store.objectById("card", card.id), null);
      assert.deepEqual(await store.boardsOf(admin.id), []);
    },
  ],
  [
    "removeBoard rolls back with its transaction",
    async (store) => {
      const { board } = await aSeededBoard(store);
      await assert.rejects(
        store.transact(board.id, async (tx) => {
          await tx.removeBoard();
          throw new Error("the command failed after asking to delete");
        }),
      );
      assert.ok(await store.boardById(board.id));
    },
  ],
];

function ids(items: Readonly<Array<{ id: string }>>): string[] {
  return items.map((i) => i.id).sort();
}
