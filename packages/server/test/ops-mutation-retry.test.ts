// A client (or HAProxy) that retries a write after losing the answer can send it again while the
// first attempt is still committing: the attempts serialize on the board lock, one commits, and the
// others must still get the first attempt's answer, not an error. (Found by the kill -9 test; every
// command is covered by mutation-ids.test.ts.)
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { Person, type StoreKind, startServer, type TestServer } from "./harness.ts";

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.stop())));

for (const kind of ["postgres", "sqlite"] satisfies StoreKind[])
  test(`${kind}: concurrent attempts of one mutation id are applied once, every attempt answered alike`, () =>
    concurrentAttempts(kind));

async function concurrentAttempts(kind: StoreKind): Promise<void> {
  const server = await startServer({}, kind);
  servers.push(server);
  const ann = await Person.signUp(server, "ann");
  const board = (await ann.post("/1/boards", { name: "Retries", defaultLists: false })).body;
  const a = (await ann.post("/1/lists", { name: "A", idBoard: board.id })).body;
  const b = (await ann.post("/1/lists", { name: "B", idBoard: board.id })).body;
  const card = (await ann.post("/1/cards", { name: "Moved once", idList: a.id })).body;

  for (let round = 0; round < 10; round++) {
    const to = round % 2 === 0 ? b.id : a.id;
    const mutationId = `race${round}${Date.now()}`;
    const attempts = await Promise.all(
      Array.from({ length: 4 }, () =>
        ann.call("PUT", `/1/cards/${card.id}`, { idList: to }, "token", { "x-tack-mutation-id": mutationId }),
      ),
    );
    for (const attempt of attempts) {
      assert.equal(attempt.status, 200, JSON.stringify(attempt.body));
      assert.equal(attempt.body.idList, to);
    }
  }
  const moves = (await ann.get(`/1/boards/${board.id}/actions?filter=updateCard&limit=1000`)).body.filter(
    (action: any) => action.data.listAfter,
  );
  assert.equal(moves.length, 10, "each mutation id moved the card once");
}
