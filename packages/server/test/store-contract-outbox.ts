// Store contract, the outbox (notify-store.ts and BoardTx.enqueue): entries commit with the board's
// change or not at all, and come back in the order they were enqueued, also when a PostgreSQL
// board transaction buffers them with its actions (postgres/board-tx-flush.ts).
import assert from "node:assert/strict";
import { newId } from "@tack/shared/ids";
import type { ContractCase } from "./store-contract.ts";
import { aCard, aDraft, aSeededBoard, aStoredMember } from "./support/store-fixtures.ts";

export const outboxCases: ContractCase[] = [
  [
    "notifyFacts: the action, its card as it is now, the board's people, watchers of card, list or board, the author; null when hidden or missing",
    async (store) => {
      const { board, admin, list, membership } = await aSeededBoard(store);
      const watcher = await aStoredMember(store);
      const stranger = await aStoredMember(store);
      const card = aCard(board.id, list.id);
      const { changes } = await store.transact(board.id, async (tx) => {
        await tx.putMembership({ ...membership, id: newId(), idMember: watcher.id, memberType: "normal" });
        await tx.put("card", card);
        await tx.record(aDraft(admin.id, { data: { card: { id: card.id } } }));
        await tx.record(aDraft(admin.id, { type: "addMemberToBoard", data: { idMemberAdded: watcher.id } }));
      });
      await store.notify.setWatching(watcher.id, "list", list.id, board.id, true);
      await store.notify.setWatching(admin.id, "board", board.id, board.id, true);
      await store.notify.setWatching(stranger.id, "card", newId(), board.id, true);
      const renamed = { ...card, name: "Renamed since" };
      await store.transact(board.id, (tx) => tx.put("card", renamed));
      const sorted = <T>(xs: T[], key: (x: T) => string) =>
        [...xs].sort((a, b) => key(a).localeCompare(key(b)));

      const facts = await store.notify.notifyFacts(changes[0]!.action.id);
      assert.ok(facts);
      assert.deepEqual(facts.action, await store.actionById(changes[0]!.action.id));
      assert.deepEqual(facts.card, renamed, "the card as it is now");
      assert.deepEqual(
        sorted(facts.people, (p) => p.memberId),
        sorted(await store.notify.boardPeople(board.id), (p) => p.memberId),
      );
      assert.equal(facts.people.length, 2);
      assert.deepEqual(sorted(facts.watchers, String), sorted([watcher.id, admin.id], String));
      assert.deepEqual(facts.creator, (await store.membersByIds([admin.id]))[0]);

      const cardless = await store.notify.notifyFacts(changes[1]!.action.id);
      assert.equal(cardless?.card, null);
      assert.deepEqual(cardless?.watchers, [], "no card, no watchers");
      assert.equal(await store.notify.notifyFacts(newId()), null);
    },
  ],
  [
    "enqueue commits with the transaction, in order, beside the actions it names",
    async (store) => {
      const member = await aStoredMember(store);
      const { board } = await aSeededBoard(store);
      const { changes } = await store.transact(board.id, async (tx) => {
        const first = await tx.record(aDraft(member.id, { type: "commentCard" }));
        await tx.enqueue({ topic: "notify", payload: { action: first.action.id } });
        await tx.enqueue({ topic: "notify", payload: { n: 2 } });
        await tx.record(aDraft(member.id, { type: "commentCard" }));
        await tx.enqueue({ topic: "other", payload: { n: 3 } });
      });
      const mine = (await store.notify.pendingOutbox(1000)).filter((e) => e.boardId === board.id);
      assert.deepEqual(
        mine.map((e) => [e.topic, e.payload]),
        [
          ["notify", { action: changes[0]!.action.id }],
          ["notify", { n: 2 }],
          ["other", { n: 3 }],
        ],
      );
      assert.ok(mine[0]!.id < mine[1]!.id && mine[1]!.id < mine[2]!.id);
      assert.equal((await store.actionById(changes[0]!.action.id))?.id, changes[0]!.action.id);
    },
  ],
  [
    "a transaction that fails leaves no outbox entry behind",
    async (store) => {
      const member = await aStoredMember(store);
      const { board } = await aSeededBoard(store);
      await assert.rejects(
        store.transact(board.id, async (tx) => {
          await tx.record(aDraft(member.id, { type: "commentCard" }));
          await tx.enqueue({ topic: "notify", payload: { n: 1 } });
          throw new Error("the command failed after enqueueing");
        }),
        /the command failed/,
      );
      const mine = (await store.notify.pendingOutbox(1000)).filter((e) => e.boardId === board.id);
      assert.deepEqual(mine, []);
    },
  ],
  [
    "a delivered entry keeps no payload, and is pruned once older than the retention",
    async (store) => {
      const { board } = await aSeededBoard(store);
      await store.transact(board.id, async (tx) => {
        await tx.enqueue({ topic: "invitation-mail", payload: { invitation: "i1", token: "secret-token" } });
        await tx.enqueue({ topic: "notify", payload: { n: 2 } });
      });
      const [delivered, waiting] = (await store.notify.pendingOutbox(1000)).filter(
        (e) => e.boardId === board.id,
      );
      assert.ok(delivered && waiting);
      const before = Date.now();
      await store.notify.outboxDone(delivered.id);
      const done = await store.notify.outboxEntry(delivered.id);
      assert.equal(done?.done, true);
      assert.deepEqual(done?.payload, {}, "the token is gone with the delivery");
      assert.ok(done?.doneAt && Date.parse(done.doneAt) >= before - 1000);
      assert.deepEqual(
        (await store.notify.pendingOutbox(1000)).filter((e) => e.boardId === board.id).map((e) => e.id),
        [waiting.id],
      );

      // Not yet older than the retention: kept.
      await store.notify.pruneOutbox(new Date(before - 60_000).toISOString());
      assert.ok(await store.notify.outboxEntry(delivered.id));
      // Older: deleted; the entry not yet delivered stays whatever its age.
      assert.ok((await store.notify.pruneOutbox(new Date(Date.now() + 60_000).toISOString())) >= 1);
      assert.equal(await store.notify.outboxEntry(delivered.id), null);
      const kept = await store.notify.outboxEntry(waiting.id);
      assert.deepEqual([kept?.done, kept?.payload], [false, { n: 2 }]);
    },
  ],
];
