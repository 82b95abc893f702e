// Store contract, the outbox (notify-store.ts and BoardTx.enqueue): entries commit with the board's
// change or not at all, and come back in the order they were enqueued, also when a PostgreSQL
// board transaction buffers them with its actions (postgres/board-tx-flush.ts).
import assert from "node:assert/strict";
import { newId } from "@tack/shared/ids";
import type { BoardTx } from "../src/store/board-tx.ts";
import type { BoardPerson } from "../src/store/notify-store.ts";
import type { ContractCase } from "./store-contract.ts";
import { aCard, aDraft, aSeededBoard, aStoredMember } from "./support/store-fixtures.ts";

export const outboxCases: ContractCase[] = [
  [
    "notifyFacts, for many actions of several boards at once: each action, its card as it is now, its board's people, watchers of card, list or board, the author; none for a hidden or missing one",
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
        await tx.record(aDraft(admin.id, { data: { card: { id: card.id } } }));
      });
      await store.notify.setWatching(watcher.id, "list", list.id, board.id, true);
      await store.notify.setWatching(admin.id, "board", board.id, board.id, true);
      await store.notify.setWatching(stranger.id, "card", newId(), board.id, true);
      const renamed = { ...card, name: "Renamed since" };
      await store.transact(board.id, (tx) => tx.put("card", renamed));
      // Another board, with people of its own, whose action is read in the same call.
      const other = await aSeededBoard(store);
      const otherCard = aCard(other.board.id, other.list.id);
      const { changes: otherChanges } = await store.transact(other.board.id, async (tx) => {
        await tx.put("card", otherCard);
        await tx.record(aDraft(other.admin.id, { data: { card: { id: otherCard.id } } }));
      });
      const sorted = <T>(xs: T[], key: (x: T) => string) =>
        [...xs].sort((a, b) => key(a).localeCompare(key(b)));
      const byMember = (people: BoardPerson[]) => sorted(people, (p) => p.memberId);

      const [first, cardless, again] = changes.map((c) => c.action.id) as [string, string, string];
      const otherAction = otherChanges[0]!.action.id;
      const missing = newId();
      const all = await store.notify.notifyFacts([otherAction, first, missing, cardless, again]);
      assert.deepEqual(
        [...all.keys()].sort(),
        [first, cardless, again, otherAction].sort(),
        "none for a missing action",
      );

      const facts = all.get(first);
      assert.ok(facts);
      assert.deepEqual(facts.action, await store.actionById(first));
      assert.deepEqual(facts.card, renamed, "the card as it is now");
      assert.deepEqual(byMember(facts.people), byMember(await store.notify.boardPeople(board.id)));
      assert.equal(facts.people.length, 2);
      assert.deepEqual(sorted(facts.watchers, String), sorted([watcher.id, admin.id], String));
      assert.deepEqual(facts.creator, (await store.membersByIds([admin.id]))[0]);
      assert.deepEqual(
        byMember(all.get(again)!.people),
        byMember(facts.people),
        "every action of a board has its people",
      );

      assert.equal(all.get(cardless)?.card, null);
      assert.deepEqual(all.get(cardless)?.watchers, [], "no card, no watchers");
      assert.deepEqual(byMember(all.get(cardless)!.people), byMember(facts.people));

      const ofOther = all.get(otherAction);
      assert.deepEqual(ofOther?.card, otherCard);
      assert.deepEqual(
        ofOther?.people.map((p) => p.memberId),
        [other.admin.id],
        "the other board's people, not the first's",
      );
      assert.deepEqual(ofOther?.watchers, []);
      assert.equal((await store.notify.notifyFacts([])).size, 0);
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
    "an entry only for watchers is written only if someone other than the author watches one of its objects then",
    async (store) => {
      const { board, admin: author, list } = await aSeededBoard(store);
      const watcher = await aStoredMember(store);
      const card = aCard(board.id, list.id);
      const onlyIfWatched = { objectIds: [card.id, list.id, board.id], byOtherThan: author.id };
      /** The board's pending entries after a transaction that enqueues `payloads`, and whether the
       * transaction says it wrote any (what decides waking the outbox worker). */
      const entriesAfter = async (payloads: Array<{ n: number; watched: boolean }>) => {
        let written: BoardTx | undefined;
        await store.transact(board.id, async (tx) => {
          written = tx;
          for (const { n, watched } of payloads)
            await tx.enqueue({ topic: "notify", payload: { n }, ...(watched && { onlyIfWatched }) });
        });
        const mine = (await store.notify.pendingOutbox(1000)).filter((e) => e.boardId === board.id);
        return { entries: mine.map((e) => e.payload.n), queued: written?.queuedOutbox };
      };
      assert.deepEqual(
        await entriesAfter([
          { n: 1, watched: true },
          { n: 2, watched: false },
        ]),
        { entries: [2], queued: true },
        "nobody watches: only the unconditional entry",
      );
      assert.deepEqual(
        await entriesAfter([{ n: 10, watched: true }]),
        { entries: [2], queued: false },
        "nobody watches and nothing else was enqueued: nothing written, and the transaction says so",
      );
      await store.notify.setWatching(author.id, "card", card.id, board.id, true);
      await store.notify.setWatching(watcher.id, "card", newId(), board.id, true);
      assert.deepEqual(
        await entriesAfter([{ n: 3, watched: true }]),
        { entries: [2], queued: false },
        "the author's own watch, and a watch of another card, do not count",
      );
      await store.notify.setWatching(watcher.id, "list", list.id, board.id, true);
      assert.deepEqual(
        await entriesAfter([
          { n: 4, watched: true },
          { n: 5, watched: false },
        ]),
        { entries: [2, 4, 5], queued: true },
        "someone else watches the list: written, in order",
      );
      assert.deepEqual(
        await entriesAfter([{ n: 6, watched: true }]),
        { entries: [2, 4, 5, 6], queued: true },
        "watched, alone: written, and the transaction says so",
      );
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
      await store.transact(board.id, (tx) => tx.enqueue({ topic: "notify", payload: { n: 3 } }));
      const [delivered, waiting, alsoDelivered] = (await store.notify.pendingOutbox(1000)).filter(
        (e) => e.boardId === board.id,
      );
      assert.ok(delivered && waiting && alsoDelivered);
      const before = Date.now();
      await store.notify.outboxDone([delivered.id, alsoDelivered.id]);
      await store.notify.outboxDone([]);
      const done = await store.notify.outboxEntry(delivered.id);
      assert.equal(done?.done, true);
      assert.deepEqual(done?.payload, {}, "the token is gone with the delivery");
      assert.equal((await store.notify.outboxEntry(alsoDelivered.id))?.done, true, "both marked in one call");
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
