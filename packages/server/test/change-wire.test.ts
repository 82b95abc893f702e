// Changes leave the server through one door (`toWire`): live pushes, socket catch-up and polling
// (from the durable log and from the recent-change list) never carry a server-only field, neither
// for new writes nor for change-log rows written before the field was stripped.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { ServerMessage } from "@tack/shared/protocol";
import { boardWithCard, upload } from "./attachment-helpers.ts";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";
import { SocketClient } from "./support/socket-client.ts";

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.stop())));

for (const kind of storeKinds()) {
  describe(`${kind}: changes on the wire`, () => {
    test("no push, catch-up or poll carries an attachment's storage key, old rows included", async () => {
      const server = await startServer({}, kind);
      servers.push(server);
      const { store, commits } = server.app.ctx;
      const ann = await Person.signUp(server, "ann");
      const { board, card } = await boardWithCard(ann);
      const start = (await ann.get(`/1/boards/${board.id}/changes?since=0`)).body;

      const live = await SocketClient.open(server.url, { token: ann.token });
      await live.next("hello");
      live.send({ type: "board.subscribe", board: board.id, since: { epoch: start.epoch, seq: start.seq } });
      await live.next("board.subscribed");

      const uploaded = await upload(ann, card.id, "some bytes", {
        fileName: "notes.txt",
        type: "text/plain",
      });
      assert.equal(uploaded.status, 200, JSON.stringify(uploaded.body));
      const [stored] = await store.objectsOf(board.id, "attachment");
      assert.ok(stored?.storageKey, "the upload has a storage key on the server");

      // A change-log row as commands wrote it before they stripped the key, also pushed live.
      const oldKey = "legacy/attachment-storage-key-0001";
      const { changes } = await store.transact(board.id, (tx) =>
        tx.record({
          id: "0123456789abcdef01234567",
          type: "updateAttachment",
          memberId: ann.id,
          date: new Date().toISOString(),
          data: {},
          models: { attachments: [{ ...stored, name: "renamed", storageKey: oldKey }] },
        }),
      );
      commits.committed(changes);

      const pushed: ServerMessage[] = [];
      while (pushed.length < 2) pushed.push(await live.next("board.change"));
      await live.close();

      const late = await SocketClient.open(server.url, { token: ann.token });
      await late.next("hello");
      late.send({ type: "board.subscribe", board: board.id, since: { epoch: start.epoch, seq: start.seq } });
      const caughtUpFromList = await late.next("board.subscribed");
      await late.close();
      const fresh = await SocketClient.open(server.url, { token: ann.token });
      await fresh.next("hello");
      fresh.send({ type: "board.subscribe", board: board.id, since: { epoch: "", seq: start.seq } });
      const caughtUpFromLog = await fresh.next("board.subscribed");
      await fresh.close();

      const reads: Array<[string, unknown]> = [
        ["pushes", pushed],
        ["socket catch-up from the list", caughtUpFromList],
        ["socket catch-up from the log", caughtUpFromLog],
        ["poll from the log", (await ann.get(`/1/boards/${board.id}/changes?since=${start.seq}`)).body],
        [
          "poll from the list",
          (await ann.get(`/1/boards/${board.id}/changes?since=${start.seq}&epoch=${start.epoch}`)).body,
        ],
      ];
      for (const [where, body] of reads) {
        const text = JSON.stringify(body);
        assert.ok(text.includes("renamed"), `${where} carries the changes`);
        assert.ok(!text.includes(stored.storageKey!), `${where} carries the upload's storage key`);
        assert.ok(!text.includes(oldKey), `${where} carries an old row's storage key`);
      }
    });
  });
}
