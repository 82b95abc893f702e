// Store contract, webhooks (webhook-store.ts): a webhook lives while its token does; duplicates
// per token, model and callback are refused; deliveries are unique per (webhook, action), handed
// out per webhook in order and only once due; a failure counts on the delivery and its webhook and
// does what the caller decided (retry later, give up, switch the webhook off); the install secret
// is made once.
import assert from "node:assert/strict";
import { newId, newSecret } from "@tack/shared/ids";
import type { BoardTx, Store } from "../src/store/store.ts";
import type { NewWebhook, WebhookRecord } from "../src/store/webhook-store.ts";
import type { ContractCase } from "./store-contract.ts";
import { aDraft, aSeededBoard, aStoredMember } from "./support/store-fixtures.ts";

export async function aToken(
  store: Store,
  memberId: string,
  expiresAt: number | null = null,
): Promise<string> {
  const id = newId();
  await store.insertToken({
    id,
    tokenHash: newSecret(),
    memberId,
    name: "hooks",
    createdAt: new Date().toISOString(),
    expiresAt,
    lastUsed: null,
  });
  return id;
}

export function aWebhook(tokenId: string, memberId: string, overrides: Partial<NewWebhook> = {}): NewWebhook {
  return {
    id: newId(),
    tokenId,
    memberId,
    idModel: newId(),
    modelType: "board",
    description: "",
    callbackURL: `https://example.com/${newSecret().slice(0, 8)}`,
    active: true,
    consecutiveFailures: 0,
    firstConsecutiveFailDate: null,
    ...overrides,
  };
}

export const webhookCases: ContractCase[] = [
  [
    // First of the webhook cases: no webhook exists yet in the shared store (no other concern makes one).
    "a write queues its webhook fan-out only while a webhook exists; a webhook a write did not see is stamped after that write committed",
    async (store) => {
      const member = await aStoredMember(store);
      const { board } = await aSeededBoard(store);
      const write = async (tx: BoardTx) => {
        const change = await tx.record(aDraft(member.id, { type: "commentCard" }));
        const fanOut = { topic: "webhook", payload: { actions: [change.action.id] }, onlyWithWebhooks: true };
        await tx.enqueue(fanOut);
        await tx.enqueue({ topic: "notify", payload: { action: change.action.id } });
      };
      const queued = async () =>
        (await store.notify.pendingOutbox(1000)).filter((e) => e.boardId === board.id).map((e) => e.topic);
      await store.transact(board.id, write);
      assert.deepEqual(await queued(), ["notify"], "no webhook anywhere: no fan-out queued");
      const tokenId = await aToken(store, member.id);

      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let running = () => {};
      const started = new Promise<void>((resolve) => {
        running = resolve;
      });
      const slow = store.transact(board.id, async (tx) => {
        running();
        await held;
        return write(tx);
      });
      await started;
      const inserting = store.webhooks.insertWebhook(aWebhook(tokenId, member.id, { idModel: board.id }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const released = new Date().toISOString();
      release();
      await slow;
      const hook = await inserting;
      assert.ok(hook);
      assert.ok(
        hook.createdAt >= released,
        `the webhook waited for the write in flight (${hook.createdAt} < ${released}), so it hears of none of its actions`,
      );
      assert.deepEqual(await queued(), ["notify", "notify"], "the write in flight did not see the webhook");
      await store.transact(board.id, write);
      assert.deepEqual(
        await queued(),
        ["notify", "notify", "webhook", "notify"],
        "a later write queues its fan-out",
      );
    },
  ],
  [
    "webhooks: stored, listed per token, changed, refused as duplicates, gone with their token",
    async (store) => {
      const member = await aStoredMember(store);
      const tokenId = await aToken(store, member.id);
      const other = await aToken(store, member.id);
      const draft = aWebhook(tokenId, member.id, { description: "ci" });
      const before = new Date().toISOString();
      const hook = (await store.webhooks.insertWebhook(draft)) as WebhookRecord;
      assert.deepEqual(hook, { ...draft, createdAt: hook.createdAt });
      assert.ok(
        hook.createdAt >= before && hook.createdAt <= new Date().toISOString(),
        "stamped by the store",
      );
      assert.deepEqual(await store.webhooks.webhookById(hook.id), hook);
      assert.equal(await store.webhooks.insertWebhook({ ...draft, id: newId() }), null, "duplicate");
      // The same model and callback under another token is another webhook.
      const theirs = await store.webhooks.insertWebhook({ ...draft, id: newId(), tokenId: other });
      assert.ok(theirs);
      assert.deepEqual(await store.webhooks.webhooksOfToken(tokenId), [hook]);
      assert.equal(
        await store.webhooks.updateWebhook(hook.id, { description: "renamed", active: false }),
        true,
      );
      const changed = await store.webhooks.webhookById(hook.id);
      assert.equal(changed?.description, "renamed");
      assert.equal(changed?.active, false);
      assert.deepEqual(await store.webhooks.activeWebhooksOn([hook.idModel]), [theirs]);
      const second = aWebhook(tokenId, member.id);
      await store.webhooks.insertWebhook(second);
      assert.equal(
        await store.webhooks.updateWebhook(second.id, {
          idModel: hook.idModel,
          callbackURL: hook.callbackURL,
        }),
        false,
        "a change into a duplicate is refused",
      );
      assert.equal(await store.deleteToken(member.id, tokenId), true);
      assert.equal(await store.webhooks.webhookById(hook.id), null);
      assert.deepEqual(await store.webhooks.webhooksOfToken(tokenId), []);
      assert.equal(await store.webhooks.deleteWebhook(theirs.id), true);
      assert.equal(await store.webhooks.deleteWebhook(theirs.id), false);
    },
  ],
  [
    "webhooks: an expired token's webhooks count as gone",
    async (store) => {
      const member = await aStoredMember(store);
      const expired = await aToken(store, member.id, Date.now() - 1000);
      const hook = aWebhook(expired, member.id);
      await store.webhooks.insertWebhook(hook);
      assert.equal(await store.webhooks.webhookById(hook.id), null);
      assert.deepEqual(await store.webhooks.activeWebhooksOn([hook.idModel]), []);
    },
  ],
  [
    "webhook deliveries: unique per action, in order per webhook, retried when due, given up, switched off",
    async (store) => {
      const member = await aStoredMember(store);
      const tokenId = await aToken(store, member.id);
      const a = aWebhook(tokenId, member.id);
      const b = aWebhook(tokenId, member.id);
      await store.webhooks.insertWebhook(a);
      await store.webhooks.insertWebhook(b);
      const boardId = newId();
      const drafts = ["1", "2", "3"].map((n) => ({
        webhookId: a.id,
        actionId: `act${n}`,
        boardId,
        body: `{"n":${n}}`,
      }));
      await store.webhooks.insertDeliveries([
        ...drafts,
        { webhookId: b.id, actionId: "act1", boardId, body: "b" },
      ]);
      await store.webhooks.insertDeliveries(drafts); // redelivered: nothing new
      const mine = async () =>
        (await store.webhooks.pendingDeliveries(10, 1000)).filter(
          (g) => g[0]!.webhookId === a.id || g[0]!.webhookId === b.id,
        );
      let groups = await mine();
      assert.equal(groups.length, 2);
      const ofA = groups.find((g) => g[0]!.webhookId === a.id)!;
      assert.deepEqual(
        ofA.map((d) => d.body),
        ['{"n":1}', '{"n":2}', '{"n":3}'],
      );
      assert.equal(
        (await store.webhooks.pendingDeliveries(2, 1000)).find((g) => g[0]!.webhookId === a.id)?.length,
        2,
      );
      // The first of A fails: retried later, so A waits (its head is not due) while B goes on.
      const at = new Date().toISOString();
      const outcome = await store.webhooks.deliveryFailed(ofA[0]!.id, at, (state) => {
        assert.deepEqual(state, { attempts: 1, consecutiveFailures: 1, firstConsecutiveFailDate: at });
        return { retryAt: Date.now() + 60_000, disable: false };
      });
      assert.deepEqual(outcome.disable, false);
      groups = await mine();
      assert.deepEqual(
        groups.map((g) => g[0]!.webhookId),
        [b.id],
      );
      assert.equal((await store.webhooks.webhookById(a.id))?.consecutiveFailures, 1);
      // Given up: the next of A is the head now.
      await store.webhooks.deliveryFailed(ofA[0]!.id, new Date().toISOString(), (state) => {
        assert.equal(state.attempts, 2);
        assert.equal(state.consecutiveFailures, 2);
        assert.equal(state.firstConsecutiveFailDate, at, "the first failure's date stays");
        return { retryAt: null, disable: false };
      });
      groups = await mine();
      assert.deepEqual(
        groups.find((g) => g[0]!.webhookId === a.id)?.map((d) => d.body),
        ['{"n":2}', '{"n":3}'],
      );
      // A success resets the webhook's count.
      await store.webhooks.deliveriesDone([ofA[1]!.id], []);
      const reset = await store.webhooks.webhookById(a.id);
      assert.equal(reset?.consecutiveFailures, 0);
      assert.equal(reset?.firstConsecutiveFailDate, null);
      // Switched off: inactive, and its queue dropped.
      await store.webhooks.deliveryFailed(ofA[2]!.id, new Date().toISOString(), () => ({
        retryAt: null,
        disable: true,
      }));
      assert.equal((await store.webhooks.webhookById(a.id))?.active, false);
      groups = await mine();
      assert.deepEqual(
        groups.map((g) => g[0]!.webhookId),
        [b.id],
      );
      // Deleting a webhook takes its deliveries with it.
      await store.webhooks.deleteWebhook(b.id);
      assert.deepEqual(await mine(), []);
    },
  ],
  [
    "the install secret is made once and kept",
    async (store) => {
      const name = `test-${newSecret().slice(0, 8)}`;
      assert.equal(await store.webhooks.installSecret(name, "first"), "first");
      assert.equal(await store.webhooks.installSecret(name, "second"), "first");
    },
  ],
];
