// A socket's frames of one event-loop turn leave it in one write (realtime/turn-writes.ts, decision
// 0067): over a real WebSocket server and client on loopback, frames sent in one turn are held in
// the socket's stream until the turn ends, then arrive in order in one read; a turn that holds
// more than EARLY_WRITE_BYTES writes them at once; a socket cut while held loses nothing else.
// Tack's own sockets (connection.ts) send every frame this way, so every realtime test runs it too.
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { after, before, describe, test } from "node:test";
import WebSocket, { WebSocketServer } from "ws";
import { EARLY_WRITE_BYTES, TurnWrites } from "../src/realtime/turn-writes.ts";

/** The server's side of one socket: the WebSocket and the stream under it, as socket-server.ts has them. */
interface Accepted {
  ws: WebSocket;
  stream: Duplex;
}

let http: Server;
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const accepted: Accepted[] = [];
const waiting: Array<(a: Accepted) => void> = [];

before(async () => {
  http = createServer();
  http.on("upgrade", (request, stream: Duplex, head) => {
    wss.handleUpgrade(request, stream, head, (ws) => {
      const next = waiting.shift();
      if (next) next({ ws, stream });
      else accepted.push({ ws, stream });
    });
  });
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
});
after(async () => {
  http.close();
  await once(http, "close");
});

/** A client connected to the server; `reads` counts what arrived in each read of its socket. */
async function connect(): Promise<{
  client: WebSocket;
  server: Accepted;
  frames: string[];
  reads: number[];
}> {
  const port = (http.address() as AddressInfo).port;
  const server = new Promise<Accepted>((resolve) => {
    const ready = accepted.shift();
    if (ready) resolve(ready);
    else waiting.push(resolve);
  });
  const client = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: false });
  const frames: string[] = [];
  const reads: number[] = [];
  client.on("message", (data) => frames.push(data.toString()));
  client.on("upgrade", (response) => {
    (response.socket as Socket).on("data", (chunk: Buffer) => reads.push(chunk.length));
  });
  await once(client, "open");
  return { client, server: await server, frames, reads };
}

const turnEnds = () => new Promise((resolve) => setImmediate(resolve));

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("a socket's frames of one turn", () => {
  test("without holding, each frame is written as it is sent (the control)", async () => {
    const { client, server, frames } = await connect();
    server.ws.send("one");
    assert.equal(server.stream.writableLength, 0, "written at once, not buffered");
    await until(() => frames.length === 1, "the frame");
    client.close();
  });

  test("held, they wait for the turn's end and arrive in order, in one read", async () => {
    const { client, server, frames, reads } = await connect();
    const turnWrites = new TurnWrites();
    const sent = ["first", "second", "third"];
    for (const frame of sent) {
      turnWrites.hold(server.stream);
      server.ws.send(frame);
    }
    assert.ok(server.stream.writableLength > 0, "held in the stream until the turn ends");
    await turnEnds();
    assert.equal(server.stream.writableLength, 0, "written when the turn ended");
    await until(() => frames.length === sent.length, "all three frames");
    assert.deepEqual(frames, sent);
    assert.equal(reads.length, 1, `one read carried the three frames (reads: ${reads.join(", ")})`);

    // The next turn holds again: nothing stays corked from the last.
    turnWrites.hold(server.stream);
    server.ws.send("fourth");
    assert.ok(server.stream.writableLength > 0);
    await turnEnds();
    await until(() => frames.length === 4, "the next turn's frame");
    assert.equal(frames[3], "fourth");
    client.close();
  });

  test("past EARLY_WRITE_BYTES held in one turn, they leave at once", async () => {
    const { client, server, frames } = await connect();
    const turnWrites = new TurnWrites();
    const big = "x".repeat(EARLY_WRITE_BYTES + 1_000);
    turnWrites.hold(server.stream);
    server.ws.send(big);
    const heldBefore = server.stream.writableLength;
    assert.ok(heldBefore > EARLY_WRITE_BYTES, "the big frame is held");
    turnWrites.hold(server.stream);
    assert.ok(
      server.stream.writableLength < heldBefore,
      `written before the next frame (${server.stream.writableLength} of ${heldBefore} bytes still held)`,
    );
    server.ws.send("after");
    await turnEnds();
    await until(() => frames.length === 2, "both frames");
    assert.equal(frames[0], big);
    assert.equal(frames[1], "after");
    client.close();
  });

  test("a socket cut while its frames are held: the turn's end writes nothing and throws nothing", async () => {
    const { client, server } = await connect();
    const turnWrites = new TurnWrites();
    turnWrites.hold(server.stream);
    server.ws.send("never sent");
    server.ws.terminate();
    const closed = once(client, "close");
    await turnEnds();
    await closed;
    assert.ok(server.stream.destroyed);
  });
});
