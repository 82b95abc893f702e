// One client must not take the server down without logging in: WebSockets are capped per address
// and (without a login) per process, sockets that follow no board are closed, the process keeps
// file descriptors free for HTTP and health checks, and slow headers and bodies are cut.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import { boardWithCard } from "./attachment-helpers.ts";
import { freePort, Person, startServer, type TestServer } from "./harness.ts";
import { SocketClient } from "./support/socket-client.ts";

/** Opens a socket; resolves with it, or with the HTTP status that refused the upgrade. */
function tryOpen(url: string): Promise<WebSocket | number> {
  return new Promise((done, fail) => {
    const ws = new WebSocket(url);
    ws.once("open", () => done(ws));
    ws.once("unexpected-response", (_request, response) => {
      done(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once("error", (error) => fail(error));
  });
}

/** `tryOpen` with a forged X-Forwarded-For header. */
function tryOpenFrom(url: string, forwardedFor: string): Promise<WebSocket | number> {
  return new Promise((done, fail) => {
    const ws = new WebSocket(url, { headers: { "x-forwarded-for": forwardedFor } });
    ws.once("open", () => {
      done(ws);
      ws.terminate();
    });
    ws.once("unexpected-response", (_request, response) => {
      done(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once("error", (error) => fail(error));
  });
}

/** Subscribes `ws` to a board and waits until it follows it (the idle rule then leaves it alone). */
function follow(ws: WebSocket, board: string): Promise<void> {
  return new Promise((done, fail) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { type: string; error?: unknown };
      if (message.type === "board.subscribed") {
        ws.off("message", onMessage);
        done();
      } else if (message.type === "error") fail(new Error(JSON.stringify(message.error)));
    };
    ws.on("message", onMessage);
    ws.send(JSON.stringify({ type: "board.subscribe", board }));
  });
}

const socketUrl = (base: string, token?: string) => SocketClient.url(base, token ? { token } : {});

/** Sends `head` on a raw connection and resolves with whatever the server answered by the time it closed. */
function heldRequest(port: number, head: string): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString();
    });
    socket.once("error", fail);
    socket.once("close", () => done(answer));
    socket.write(head);
  });
}

describe("WebSocket caps", () => {
  let server: TestServer;
  let alice: Person;
  before(async () => {
    server = await startServer({
      TACK_SOCKETS_PER_ADDRESS: "5",
      TACK_ANONYMOUS_SOCKETS: "3",
      TACK_SOCKET_IDLE_MS: "300",
    });
    alice = await Person.signUp(server, "alice");
  });
  after(() => server.stop());

  test("sockets per address are capped with 429, and a closed one frees its place", async () => {
    const { board } = await boardWithCard(alice, "Busy");
    const open: WebSocket[] = [];
    for (let i = 0; i < 5; i++) {
      const ws = await tryOpen(socketUrl(server.url, alice.token));
      assert.ok(ws instanceof WebSocket, `socket ${i} opens`);
      await follow(ws, board.id);
      open.push(ws);
    }
    assert.equal(await tryOpen(socketUrl(server.url, alice.token)), 429);
    // A made-up X-Forwarded-For does not make a new address: no proxy is configured, so the
    // header is not believed (the same rule as the login limits).
    for (const spoofed of ["203.0.113.7", "198.51.100.1, 203.0.113.8"])
      assert.equal(await tryOpenFrom(socketUrl(server.url, alice.token), spoofed), 429, spoofed);
    const first = open.shift()!;
    const closed = new Promise((r) => first.once("close", r));
    first.close();
    await closed;
    // The server sees the close a moment later; retry until the slot is back.
    let again: WebSocket | number = 429;
    while (again === 429) again = await tryOpen(socketUrl(server.url, alice.token));
    assert.ok(again instanceof WebSocket);
    open.push(again);
    for (const ws of open) ws.terminate();
  });

  test("sockets without a login are capped per process with 503; a logged-in one still opens", async () => {
    // Different client addresses (as HAProxy reports them), so the per-address cap is not what bites.
    const anonymous = (i: number) =>
      new Promise<WebSocket | number>((done, fail) => {
        const ws = new WebSocket(socketUrl(server.url), { headers: { "x-forwarded-for": `10.0.0.${i}` } });
        ws.once("open", () => done(ws));
        ws.once("unexpected-response", (_q, response) => {
          done(response.statusCode ?? 0);
          ws.terminate();
        });
        ws.once("error", fail);
      });
    // Opened and kept busy following a board each, so the idle rule does not close them.
    const board = (await alice.post("/1/boards", { name: "Public", prefs_permissionLevel: "public" })).body;
    const held: WebSocket[] = [];
    for (let i = 1; i <= 3; i++) {
      const ws = await anonymous(i);
      assert.ok(ws instanceof WebSocket, `anonymous socket ${i} opens`);
      await follow(ws, board.id);
      held.push(ws);
    }
    assert.equal(await anonymous(4), 503);
    const member = await tryOpen(socketUrl(server.url, alice.token));
    assert.ok(member instanceof WebSocket, "a logged-in socket is not held to the anonymous cap");
    member.terminate();
    for (const ws of held) ws.terminate();
  });

  test("a socket that follows no board is closed; one that follows a board stays", async () => {
    const { board } = await boardWithCard(alice, "Followed");
    const following = await SocketClient.open(server.url, { token: alice.token });
    following.send({ type: "board.subscribe", board: board.id });
    await following.next("board.subscribed");
    const idle = await SocketClient.open(server.url, { token: alice.token });
    const closed = await idle.closed;
    assert.equal(closed.code, 1008);
    assert.match(closed.reason, /No board subscribed/);
    // The following socket opened first and is still open after the idle one was closed.
    assert.equal(following.ws.readyState, WebSocket.OPEN);
    following.ws.terminate();
  });
});

describe("file-descriptor headroom", () => {
  const MAIN = resolve(import.meta.dirname, "../src/main.ts");
  let url = "";
  let dataDir = "";
  let stopChild: () => Promise<void> = async () => undefined;
  before(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    dataDir = mkdtempSync(join(tmpdir(), "tack-fd-"));
    // A small descriptor limit stands in for the 20,000 sockets of the report.
    const child = spawn("sh", ["-c", `ulimit -n 400 && exec "${process.execPath}" "${MAIN}"`], {
      env: {
        PATH: process.env.PATH ?? "",
        PORT: String(port),
        HOST: "127.0.0.1",
        TACK_PUBLIC_URL: url,
        TACK_DATA_DIR: dataDir,
        LOG_LEVEL: "error",
        TACK_SOCKETS_PER_ADDRESS: "100000",
        TACK_ANONYMOUS_SOCKETS: "100000",
        TACK_FD_HEADROOM: "150",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    stopChild = async () => {
      child.kill("SIGTERM");
      await exited;
    };
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${url}/readyz`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  after(async () => {
    await stopChild();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("anonymous sockets are refused before the limit, and HTTP and health checks keep answering", async () => {
    const held: WebSocket[] = [];
    let refusedWith = 0;
    // More sockets than the process has descriptors: without the headroom it runs out.
    for (let i = 0; i < 450 && refusedWith === 0; i++) {
      const result = await tryOpen(socketUrl(url)).catch(() => -1);
      if (result instanceof WebSocket) held.push(result);
      else refusedWith = result;
    }
    assert.equal(refusedWith, 503, `refused after ${held.length} sockets`);
    assert.ok(held.length > 100, `${held.length} sockets opened before the refusal`);
    // While the client holds every socket it got: health, login and the API answer.
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    assert.equal((await fetch(`${url}/livez`)).status, 200);
    const signup = await fetch(`${url}/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        username: "bob",
        email: "bob@example.test",
        password: "correct horse battery",
        fullName: "Bob",
      }),
    });
    assert.equal(signup.status, 200);
    for (const ws of held) ws.terminate();
  });
});

describe("slow requests", () => {
  let server: TestServer;
  let port = 0;
  before(async () => {
    server = await startServer({
      TACK_HEADERS_TIMEOUT_MS: "400",
      TACK_BODY_TIMEOUT_MS: "400",
      TACK_REQUEST_TIMEOUT_MS: "1500",
    });
    port = Number(new URL(server.url).port);
  });
  after(() => server.stop());

  test("headers that never finish are cut", { timeout: 30_000 }, async () => {
    const answer = await heldRequest(port, "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    assert.match(answer, /^HTTP\/1\.1 408/);
  });

  // A body announced by its length, or by its encoding alone (chunks, no Content-Length), is
  // waited for the same.
  const drippingBodies: Array<[string, string]> = [
    ["a JSON body that drips is answered 408 and its connection closed", "Content-Length: 100\r\n\r\n{"],
    [
      "a chunked JSON body that drips is answered 408 as well",
      "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n",
    ],
  ];
  for (const [name, rest] of drippingBodies)
    test(name, { timeout: 30_000 }, async () => {
      const answer = await heldRequest(
        port,
        `POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${rest}`,
      );
      assert.match(answer, /^HTTP\/1\.1 408/);
      assert.match(answer, /did not arrive within 400 ms/);
    });

  test("an upload that drips is cut at the request bound", { timeout: 30_000 }, async () => {
    const answer = await heldRequest(
      port,
      "POST /1/cards/000000000000000000000000/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
        "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 100000\r\n\r\n--x\r\n",
    );
    assert.ok(answer === "" || /^HTTP\/1\.1 (408|4\d\d)/.test(answer), answer);
  });
});
