// Webhook deliveries survive kill -9 of the process sending them: a Tack process (SQLite, and
// PostgreSQL) commits comments on a watched board while a slow receiver takes them in, and is
// killed with SIGKILL mid-stream; a new process on the same data delivers the rest. Every comment
// reaches the receiver (at least once), first arrivals in board order, every one correctly signed.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { freshPostgresDatabase, Person, type TestServer } from "./harness.ts";
import { startServerProcess } from "./support/server-process.ts";
import { validSignature, WebhookReceiver } from "./support/webhook-receiver.ts";

const COMMENTS = 40;
const WEBHOOK_ENV = {
  TACK_AUTH_RATE_LIMIT: "1000",
  TACK_WEBHOOK_ALLOW_PRIVATE: "true",
  TACK_WEBHOOK_RETRY_DELAYS_MS: "50,50,50",
  TACK_WEBHOOK_POLL_MS: "50",
};

for (const kind of ["sqlite", "postgres"] as const) {
  test(`webhook deliveries cut off by kill -9 are all delivered after a restart (${kind})`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "tack-webhook-crash-"));
    const pg = kind === "postgres" ? await freshPostgresDatabase() : null;
    const services = { databaseUrl: pg?.url ?? "", redisUrl: "", redisPrefix: "" };
    const receiver = await new WebhookReceiver().start();
    after(async () => {
      await receiver.stop();
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const first = await startServerProcess(`webhooks-first-${kind}`, services, {
      TACK_DATA_DIR: dataDir,
      ...WEBHOOK_ENV,
    });
    const alice = await Person.signUp(first.asTestServer(), "alice");
    const board = (await alice.post("/1/boards", { name: "Launch" })).body;
    const list = (await alice.post("/1/lists", { name: "Doing", idBoard: board.id })).body;
    const card = (await alice.post("/1/cards", { idList: list.id, name: "Press kit" })).body;
    const callbackURL = `${receiver.url}/crash`;
    const made = await alice.post("/1/webhooks", { callbackURL, idModel: card.id });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    receiver.delayMs = 25;
    for (let i = 0; i < COMMENTS; i++) {
      const res = await alice.post(`/1/cards/${card.id}/actions/comments`, { text: `number ${i}` });
      assert.equal(res.status, 200);
    }
    // Mid-stream: some delivered, most not yet.
    await receiver.waitForPosts(3);
    process.kill(first.pid, "SIGKILL");
    await first.stop();
    const beforeRestart = receiver.posts().length;
    assert.ok(beforeRestart < COMMENTS, `killed mid-stream (${beforeRestart} delivered)`);
    receiver.delayMs = 0;

    const second = await startServerProcess(`webhooks-second-${kind}`, services, {
      TACK_DATA_DIR: dataDir,
      ...WEBHOOK_ENV,
    });
    try {
      const again = Object.assign(alice, { server: { url: second.url } as TestServer });
      const texts = () => new Set(receiver.posts().map((p) => JSON.parse(p.body).action.data.text));
      const deadline = Date.now() + 30_000;
      while (texts().size < COMMENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.equal(texts().size, COMMENTS, "every comment delivered");
      // First arrivals follow the board's order: the comments were committed one after another.
      const firstArrivals: string[] = [];
      for (const post of receiver.posts()) {
        const text = JSON.parse(post.body).action.data.text;
        if (!firstArrivals.includes(text)) firstArrivals.push(text);
      }
      assert.deepEqual(
        firstArrivals,
        Array.from({ length: COMMENTS }, (_, i) => `number ${i}`),
      );
      const tokens = (await again.call("GET", "/1/members/me/tokens", undefined, "session")).body as any[];
      const secret = (await again.get(`/1/members/me/tokens/${tokens[0].id}/webhookSecret`)).body._value;
      for (const post of receiver.posts()) assert.ok(validSignature(secret, post, callbackURL));
    } finally {
      await second.stop();
    }
  });
}
