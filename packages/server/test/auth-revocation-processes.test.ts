// Security issue 6: a revoke or logout that has answered is in force on every process. Two real
// server processes share PostgreSQL and a private Redis; each caches credentials for a minute, so
// only the revocation relay (or its absence making the cache unusable) can make the other process
// refuse at once.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Person } from "./harness.ts";
import { startTestRedis, type TestRedis } from "./support/redis-server.ts";
import { type ServerProcess, startServerProcess } from "./support/server-process.ts";
import { createTempDatabase, type TempDatabase } from "./support/temp-postgres.ts";

let db: TempDatabase;
let redis: TestRedis;
let a: ServerProcess;
let b: ServerProcess;
let ada: Person;

before(async () => {
  db = await createTempDatabase();
  redis = await startTestRedis();
  const services = {
    databaseUrl: db.url,
    redisUrl: redis.url,
    redisPrefix: `tack_t_${Math.random().toString(36).slice(2, 10)}:`,
  };
  // A long cache: without the relay, process b would honour a revoked credential for a minute.
  const env = { TACK_CREDENTIAL_CACHE_MS: "60000", TACK_AUTH_RATE_LIMIT: "100000" };
  a = await startServerProcess("a", services, env);
  b = await startServerProcess("b", services, env);
  ada = await Person.signUp(a.asTestServer(), "ada");
});
after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  await db?.drop();
});

function tokenCall(server: ServerProcess, token: string, path = "/1/members/me"): Promise<Response> {
  return fetch(`${server.url}${path}?key=${"0".repeat(32)}&token=${token}`);
}

async function newToken(): Promise<{ id: string; token: string }> {
  const res = await ada.post("/1/members/me/tokens", { name: "revocation test" });
  assert.equal(res.status, 200);
  return res.body;
}

async function loginOn(server: ServerProcess): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${server.url}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "ada", password: "correct horse battery" }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith("tack_session="))!
    .split(";")[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

test("a token revoked on one process is refused by the other as soon as the revoke answered", async () => {
  for (let round = 0; round < 25; round++) {
    const { id, token } = await newToken();
    assert.equal((await tokenCall(b, token)).status, 200, "b has checked (and cached) the token");
    const revoked = await fetch(
      `${a.url}/1/members/me/tokens/${id}?key=${"0".repeat(32)}&token=${ada.token}`,
      {
        method: "DELETE",
      },
    );
    assert.equal(revoked.status, 200);
    assert.equal((await tokenCall(b, token)).status, 401, `round ${round}: b refuses the revoked token`);
  }
});

test("a session logged out on one process is over on the other as soon as logout answered", async () => {
  for (let round = 0; round < 10; round++) {
    const session = await loginOn(a);
    const onB = () => fetch(`${b.url}/auth/session`, { headers: { cookie: session.cookie } });
    assert.equal((await onB()).status, 200, "b has checked (and cached) the session");
    const out = await fetch(`${a.url}/auth/logout`, {
      method: "POST",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrf, "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(out.status, 200);
    assert.equal((await onB()).status, 401, `round ${round}: b no longer knows the session`);
  }
});

test("while Redis is down a process does not trust its cache, and empties it when Redis is back", async () => {
  const { id, token } = await newToken();
  assert.equal((await tokenCall(b, token)).status, 200, "b has cached the token");
  await redis.kill();
  // Wait until b has noticed (its readiness report names Redis as degraded).
  let noticed = false;
  for (let i = 0; i < 400 && !noticed; i++) {
    noticed = "degraded" in ((await (await fetch(`${b.url}/readyz`)).json()) as object);
    if (!noticed) await new Promise((r) => setTimeout(r, 25));
  }
  assert.ok(noticed, "b reports Redis down");
  const revoked = await fetch(`${a.url}/1/members/me/tokens/${id}?key=${"0".repeat(32)}&token=${ada.token}`, {
    method: "DELETE",
  });
  assert.equal(revoked.status, 200, "the revoke itself does not need Redis");
  assert.equal((await tokenCall(b, token)).status, 401, "b asks the database instead of its cache");
  await redis.start();
  const other = await newToken();
  assert.equal((await tokenCall(b, other.token)).status, 200);
});
