// Opening Tack at 127.0.0.1 (or [::1]) instead of localhost works on the embedded default, where
// no public URL is configured; with TACK_PUBLIC_URL set the Origin rule stays strict.
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, test } from "node:test";
import { startServer, type TestServer } from "./harness.ts";
import { SocketClient } from "./support/socket-client.ts";

/** A signup as a browser sends it: its own Origin, and the Host it typed in the address bar. */
function signUpAs(server: TestServer, username: string, origin: string, host: string): Promise<number> {
  const body = JSON.stringify({
    username,
    email: `${username}@example.test`,
    password: "correct horse battery",
    fullName: username,
  });
  const url = new URL("/auth/signup", server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", headers: { "content-type": "application/json", origin, host } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("the embedded default (no TACK_PUBLIC_URL)", () => {
  let server: TestServer;
  let port: string;
  before(async () => {
    server = await startServer({ TACK_PUBLIC_URL: "" }, "sqlite");
    port = new URL(server.url).port;
  });
  after(() => server.stop());

  test("signs up from 127.0.0.1, localhost and [::1], each asking its own host", async () => {
    assert.equal(await signUpAs(server, "viaip", `http://127.0.0.1:${port}`, `127.0.0.1:${port}`), 200);
    assert.equal(await signUpAs(server, "vianame", `http://localhost:${port}`, `localhost:${port}`), 200);
    assert.equal(await signUpAs(server, "viav6", `http://[::1]:${port}`, `[::1]:${port}`), 200);
  });

  test("refuses a page elsewhere, a cross-host Origin and a rebound name", async () => {
    assert.equal(await signUpAs(server, "evil1", "https://evil.example", `127.0.0.1:${port}`), 403);
    // Same loopback family but not the host asked: another local site (another port) is not us.
    assert.equal(
      await signUpAs(server, "evil2", `http://127.0.0.1:${Number(port) + 1}`, `127.0.0.1:${port}`),
      403,
    );
    assert.equal(await signUpAs(server, "evil3", `http://[::1]:${port}`, `127.0.0.1:${port}`), 403);
    // DNS rebinding: the page's name resolves to 127.0.0.1, but it is not a loopback name.
    assert.equal(
      await signUpAs(server, "evil4", `http://rebind.example:${port}`, `rebind.example:${port}`),
      403,
    );
  });

  test("a cookie socket opens from the 127.0.0.1 page, not from elsewhere", async () => {
    const signup = await fetch(`${server.url}/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({
        username: "sock",
        email: "sock@example.test",
        password: "correct horse battery",
      }),
    });
    assert.equal(signup.status, 200);
    const cookie = (signup.headers.get("set-cookie") ?? "").split(";")[0]!;
    const socket = await SocketClient.open(server.url, { cookie, origin: server.url });
    await socket.next("hello");
    await socket.close();
    await assert.rejects(
      SocketClient.open(server.url, { cookie, origin: "https://evil.example" }),
      /HTTP 403/,
    );
  });
});

describe("a configured public URL keeps the rule strict", () => {
  let server: TestServer;
  let port: string;
  before(async () => {
    server = await startServer({}, "sqlite");
    port = new URL(server.url).port;
    // The harness configures TACK_PUBLIC_URL=http://127.0.0.1:<port>: localhost is then another origin.
  });
  after(() => server.stop());

  test("only the configured origin signs up", async () => {
    assert.equal(await signUpAs(server, "strictok", `http://127.0.0.1:${port}`, `127.0.0.1:${port}`), 200);
    assert.equal(await signUpAs(server, "byname", `http://localhost:${port}`, `localhost:${port}`), 403);
    assert.equal(await signUpAs(server, "byv6", `http://[::1]:${port}`, `[::1]:${port}`), 403);
  });
});
