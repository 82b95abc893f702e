// Emoji reactions on comments (Trello's reactions API) on both stores: adding, reading, counting
// and taking back; live to viewers through the change feed; the board's comment permission
// decides who may react; bad input is refused with nothing written.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

const THUMBS = "\u{1F44D}";

for (const kind of storeKinds()) {
  describe(`reactions on ${kind}`, () => {
    let server: TestServer;
    let ann: Person;
    let bob: Person;
    let olga: Person;
    let stranger: Person;
    let board: any;
    let card: any;
    let comment: any;
    let otherComment: any;

    before(async () => {
      server = await startServer({ TACK_AUTH_RATE_LIMIT: "1000" }, kind);
      ann = await Person.signUp(server, "ann");
      bob = await Person.signUp(server, "bob");
      olga = await Person.signUp(server, "olga");
      stranger = await Person.signUp(server, "stranger");
      board = (await ann.post("/1/boards", { name: "Team", defaultLists: false })).body;
      await ann.put(`/1/boards/${board.id}/members`, { username: "bob", type: "normal" });
      await ann.put(`/1/boards/${board.id}/members/${olga.id}`, { type: "observer" });
      const list = (await ann.post("/1/lists", { name: "L", idBoard: board.id })).body;
      card = (await ann.post("/1/cards", { name: "C", idList: list.id })).body;
      comment = (await ann.post(`/1/cards/${card.id}/actions/comments`, { text: "Shipped!" })).body;
      const elsewhere = (await stranger.post("/1/boards", { name: "Theirs", defaultLists: false })).body;
      const theirList = (await stranger.post("/1/lists", { name: "L", idBoard: elsewhere.id })).body;
      const theirCard = (await stranger.post("/1/cards", { name: "C", idList: theirList.id })).body;
      otherComment = (await stranger.post(`/1/cards/${theirCard.id}/actions/comments`, { text: "mine" }))
        .body;
    });
    after(() => server.stop());

    test("react by unified, native or short name; once per person and emoji; counted by emoji", async () => {
      const path = `/1/actions/${comment.id}/reactions`;
      const first = await bob.post(path, { emoji: { unified: "1F44D" } });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.idMember, bob.id);
      assert.equal(first.body.idModel, comment.id);
      assert.deepEqual(
        { unified: first.body.emoji.unified, native: first.body.emoji.native },
        { unified: "1F44D", native: THUMBS },
      );
      assert.equal(first.body.member.username, "bob");
      const again = await bob.post(path, { emoji: { native: THUMBS } });
      assert.equal(again.body.id, first.body.id, "the same emoji twice is one reaction");
      const annThumbs = await ann.post(path, { emoji: { shortName: "+1" } });
      const heart = await ann.post(path, { emoji: { shortName: "heart" } });
      assert.equal(heart.body.emoji.native, "\u2764\uFE0F");

      const all = (await ann.get(path)).body;
      assert.deepEqual(
        all.map((r: any) => [r.member.username, r.emoji.unified]),
        [
          ["bob", "1F44D"],
          ["ann", "1F44D"],
          ["ann", "2764-FE0F"],
        ],
      );
      const one = await ann.get(`${path}/${annThumbs.body.id}`);
      assert.equal(one.body.emoji.shortName, "+1");
      const summary = (await ann.get(`/1/actions/${comment.id}/reactionsSummary`)).body;
      assert.deepEqual(
        summary.map((s: any) => [s.idEmoji, s.count]),
        [
          ["1F44D", 2],
          ["2764-FE0F", 1],
        ],
      );
      // The card's comments carry their reactions when asked (reactions=true).
      const actions = (await ann.get(`/1/cards/${card.id}/actions?filter=commentCard&reactions=true`)).body;
      assert.equal(actions[0].reactions.length, 3);

      // Only the person who reacted takes a reaction back.
      const notMine = await ann.del(`${path}/${first.body.id}`);
      assert.equal(notMine.status, 403);
      assert.match(notMine.body.message, /Only the person who reacted/);
      assert.equal((await bob.del(`${path}/${first.body.id}`)).status, 200);
      assert.equal((await ann.get(`${path}/${first.body.id}`)).status, 404);
      assert.equal((await ann.get(path)).body.length, 2);
    });

    test("a reaction reaches viewers as a change, and its removal too", async () => {
      const since = (await bob.get(`/1/boards/${board.id}/changes?since=0`)).body.seq;
      const added = (await ann.post(`/1/actions/${comment.id}/reactions`, { emoji: { unified: "1F389" } }))
        .body;
      await ann.del(`/1/actions/${comment.id}/reactions/${added.id}`);
      const feed = (await bob.get(`/1/boards/${board.id}/changes?since=${since}`)).body;
      assert.deepEqual(
        feed.changes.map((c: any) => [c.action.type, c.action.data.reaction.id, c.action.data.action.id]),
        [
          ["addReactionToComment", added.id, comment.id],
          ["removeReactionFromComment", added.id, comment.id],
        ],
      );
    });

    test("observers react only where observers may comment; strangers cannot tell the comment exists", async () => {
      const path = `/1/actions/${comment.id}/reactions`;
      const refused = await olga.post(path, { emoji: { unified: "1F44D" } });
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal((await olga.get(path)).status, 200, "observers still read reactions");
      assert.equal((await ann.put(`/1/boards/${board.id}`, { "prefs/comments": "observers" })).status, 200);
      const allowed = await olga.post(path, { emoji: { unified: "1F440" } });
      assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
      await olga.del(`${path}/${allowed.body.id}`);
      await ann.put(`/1/boards/${board.id}`, { "prefs/comments": "members" });

      const stranger404 = await stranger.post(path, { emoji: { unified: "1F44D" } });
      const missing = await stranger.post("/1/actions/0123456789abcdef01234567/reactions", {
        emoji: { unified: "1F44D" },
      });
      assert.equal(stranger404.status, 404);
      assert.deepEqual(stranger404.body, missing.body);
      assert.equal((await stranger.get(path)).status, 404);
      // Another board's comment through this one's reaction id: not found, nothing removed.
      const theirs = (
        await stranger.post(`/1/actions/${otherComment.id}/reactions`, { emoji: { unified: "1F44D" } })
      ).body;
      assert.equal((await ann.del(`${path}/${theirs.id}`)).status, 404);
      assert.equal((await stranger.get(`/1/actions/${otherComment.id}/reactions`)).body.length, 1);
    });

    test("bad input: not an emoji, wrong types, unknown ids, a non-comment action", async () => {
      const path = `/1/actions/${comment.id}/reactions`;
      const before = (await ann.get(path)).body.length;
      for (const body of [
        {},
        { emoji: "1F44D" },
        { emoji: {} },
        { emoji: { unified: 1234 } },
        { emoji: { unified: "41" } }, // the letter A
        { emoji: { unified: "zz" } },
        { emoji: { unified: "110000" } },
        { emoji: { native: "a" } },
        { emoji: { native: THUMBS, unified: "1F44E" } },
        { emoji: { shortName: "no-such-emoji" } },
      ]) {
        const res = await ann.post(path, body);
        assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status}`);
        assert.match(res.body.message, /emoji/i);
      }
      assert.equal((await ann.post(path, "{not json")).status, 400);
      assert.equal((await ann.get(path)).body.length, before, "nothing written");
      assert.equal((await ann.get(`${path}/0123456789abcdef01234567`)).status, 404);
      assert.equal((await ann.del(`${path}/0123456789abcdef01234567`)).status, 404);
      const createCard = (await ann.get(`/1/cards/${card.id}/actions?filter=createCard`)).body[0];
      const notComment = await ann.post(`/1/actions/${createCard.id}/reactions`, {
        emoji: { unified: "1F44D" },
      });
      assert.equal(notComment.status, 400);
      assert.match(notComment.body.message, /not a comment/);
    });

    test("a deleted comment takes its reactions with it", async () => {
      const doomed = (await ann.post(`/1/cards/${card.id}/actions/comments`, { text: "soon gone" })).body;
      await bob.post(`/1/actions/${doomed.id}/reactions`, { emoji: { unified: "1F680" } });
      assert.equal((await ann.del(`/1/actions/${doomed.id}`)).status, 200);
      assert.equal((await ann.get(`/1/actions/${doomed.id}/reactions`)).status, 404);
      assert.equal(
        (await bob.post(`/1/actions/${doomed.id}/reactions`, { emoji: { unified: "1F680" } })).status,
        404,
      );
    });
  });
}
