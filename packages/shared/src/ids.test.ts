import assert from "node:assert/strict";
import { test } from "node:test";
import { idTime, isId, newId, newIdOnBoard, routingKey } from "./ids.ts";

test("an object's id carries its board's routing key, with its own time and random digits", () => {
  const board = newId();
  const made = Date.UTC(2026, 11, 7, 6, 0, 0);
  const ids = Array.from({ length: 1000 }, () => newIdOnBoard(board, made));
  for (const id of ids) {
    assert.ok(isId(id), `${id} is 24 hex digits`);
    assert.equal(routingKey(id), routingKey(board));
    assert.equal(idTime(id), made);
  }
  assert.equal(new Set(ids).size, ids.length, "a thousand ids made in the same second differ");
  // The key is the board's own random digits: boards spread over the keys.
  const keys = new Set(Array.from({ length: 200 }, () => routingKey(newId())));
  assert.ok(keys.size > 190, `200 boards have nearly 200 keys: ${keys.size}`);
});
