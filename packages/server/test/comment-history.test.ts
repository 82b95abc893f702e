// A deleted comment's words, and the words an edit replaced, leave every read path: the change
// feed (polling from the durable log and from the recent-change list, in-process and Redis),
// socket catch-up, the activity feed and the export. History keeps a tombstone in the sequence.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { newId } from "@tack/shared/ids";
import { Person, type StoreKind, startServer, storeKinds, type TestServer } from "./harness.ts";
import { SocketClient } from "./support/socket-client.ts";

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.stop())));

const DELETED = "the launch slips to March";
const EDITED_AWAY = "first draft wording";
const FINAL = "final wording";

const setups: Array<{ name: string; kind: StoreKind; env: () => Record<string, string> }> = [
  ...storeKinds().map((kind) => ({ name: `${kind}, in-process change list`, kind, env: () => ({}) })),
  ...(storeKinds().includes("postgres")
    ? [
        {
          name: "postgres, Redis change list",
          kind: "postgres" as const,
          env: () => ({ REDIS_URL: "redis://127.0.0.1:6379", TACK_REDIS_PREFIX: `tack-test-${newId()}:` }),
        },
      ]
    : []),
];

for (const setup of setups) {
  describe(setup.name, () => {
    test("deleted and edited-away comment texts are readable nowhere, even on a public board", async () => {
      const server = await startServer(setup.env(), setup.kind);
      servers.push(server);
      const ann = await Person.signUp(server, "ann");
      const board = (
        await ann.post("/1/boards", { name: "Public", defaultLists: false, prefs_permissionLevel: "public" })
      ).body;
      const list = (await ann.post("/1/lists", { name: "L", idBoard: board.id })).body;
      const card = (await ann.post("/1/cards", { name: "C", idList: list.id })).body;
      // An anonymous reader polls from here on, so the recent-change list holds every comment change.
      const anonymous = new Person(server);
      const start = (await anonymous.call("GET", `/1/boards/${board.id}/changes?since=0`, undefined, "none"))
        .body;
      assert.ok(start.epoch);

      const doomed = (await ann.post(`/1/cards/${card.id}/actions/comments`, { text: DELETED })).body;
      await ann.put(`/1/cards/${card.id}/actions/${doomed.id}/comments`, { text: `${DELETED} (edited)` });
      const kept = (await ann.post(`/1/cards/${card.id}/actions/comments`, { text: EDITED_AWAY })).body;
      const edit = await ann.put(`/1/cards/${card.id}/actions/${kept.id}/comments`, { text: FINAL });
      assert.equal(edit.status, 200);
      // The edit's own change carries no `old` text.
      const feed = (
        await anonymous.call(
          "GET",
          `/1/boards/${board.id}/changes?since=0&epoch=${start.epoch}`,
          undefined,
          "none",
        )
      ).body;
      assert.ok(!JSON.stringify(feed).includes(EDITED_AWAY), "an edit's change carries the replaced text");
      assert.equal((await ann.del(`/1/cards/${card.id}/actions/${doomed.id}/comments`)).status, 200);

      const reads: Array<[string, unknown]> = [
        [
          "changes from the log",
          (await anonymous.call("GET", `/1/boards/${board.id}/changes?since=0`, undefined, "none")).body,
        ],
        [
          "changes with the list's epoch",
          (
            await anonymous.call(
              "GET",
              `/1/boards/${board.id}/changes?since=${start.seq}&epoch=${start.epoch}`,
              undefined,
              "none",
            )
          ).body,
        ],
        [
          "actions",
          (await anonymous.call("GET", `/1/boards/${board.id}/actions?limit=1000`, undefined, "none")).body,
        ],
        ["card actions", (await ann.get(`/1/cards/${card.id}/actions?filter=all`)).body],
        ["export", (await ann.get(`/1/boards/${board.id}/export`)).body],
      ];
      for (const since of [
        { epoch: start.epoch, seq: start.seq },
        { epoch: "", seq: 0 },
      ]) {
        const socket = await SocketClient.open(server.url);
        await socket.next("hello");
        socket.send({ type: "board.subscribe", board: board.id, since });
        reads.push([`socket catch-up ${JSON.stringify(since)}`, await socket.next("board.subscribed")]);
        await socket.close();
      }
      for (const [where, body] of reads) {
        const text = JSON.stringify(body);
        assert.ok(!text.includes(DELETED), `${where} still shows the deleted comment`);
        assert.ok(!text.includes(EDITED_AWAY), `${where} still shows the edited-away text`);
      }
      const changes = (reads[0]![1] as { changes: Array<{ action: { id: string; type: string } }> }).changes;
      assert.ok(JSON.stringify(changes).includes(FINAL), "the kept comment's current text is there");
      // The deleted comment keeps its place in the sequence as a tombstone.
      const tombstone = changes.find((c) => c.action.id === doomed.id);
      assert.equal(tombstone?.action.type, "commentCard");
      assert.ok(changes.some((c) => c.action.type === "deleteComment"));
      const activity = reads[2]![1] as Array<{ id: string; type: string }>;
      assert.ok(JSON.stringify(activity).includes(FINAL), "the activity feed shows the kept comment");
      assert.ok(!activity.some((a) => a.id === doomed.id), "the activity feed drops the deleted comment");
    });
  });
}
