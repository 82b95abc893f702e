// Security issue 4: login throttling. A client may not dodge the per-address limit with a new
// X-Forwarded-For on each try (embedded, and behind HAProxy where the limit must also hold across
// workers), and failed logins from unknown browsers share a per-account budget that a browser which
// logged in before does not depend on.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";
import { type Cluster, startCluster } from "./support/cluster.ts";
import { stopAll } from "./support/processes.ts";

after(stopAll);

const PASSWORD = "correct horse battery";

interface Attempt {
  username: string;
  password: string;
  forwardedFor?: string;
  cookie?: string;
}

async function tryLogin(url: string, attempt: Attempt): Promise<{ status: number; device: string | null }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (attempt.forwardedFor) headers["x-forwarded-for"] = attempt.forwardedFor;
  if (attempt.cookie) headers.cookie = attempt.cookie;
  const res = await fetch(`${url}/auth/login`, {
    method: "POST",
    headers,
    body: JSON.stringify({ username: attempt.username, password: attempt.password }),
  });
  await res.text();
  const device = res.headers
    .getSetCookie()
    .find((c) => c.startsWith("tack_device="))
    ?.split(";")[0];
  return { status: res.status, device: device ?? null };
}

/** A different made-up client address for every try, as a spoofing attacker sends. */
const spoofed = (i: number) => `203.0.113.${i % 250}, 198.51.100.${(i * 7) % 250}`;

for (const kind of storeKinds()) {
  describe(`login throttling (${kind})`, () => {
    test("a new X-Forwarded-For on each try does not reset the per-address limit", async () => {
      const server = await startServer({ TACK_AUTH_RATE_LIMIT: "5" }, kind);
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 9; i++)
          statuses.push(
            (await tryLogin(server.url, { username: "nobody", password: "x", forwardedFor: spoofed(i) }))
              .status,
          );
        assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429, 429]);
      } finally {
        await server.stop();
      }
    });

    describe("per account, with device cookies", () => {
      let server: TestServer;
      let ownerDevice: string;
      before(async () => {
        // The test client stands in for a proxy so each try can come from another address.
        server = await startServer(
          {
            TACK_TRUSTED_PROXIES: "127.0.0.1",
            TACK_AUTH_RATE_LIMIT: "1000",
            TACK_LOGIN_ACCOUNT_FAILURES: "3",
          },
          kind,
        );
        await Person.signUp(server, "owner");
        const first = await tryLogin(server.url, {
          username: "owner",
          password: PASSWORD,
          forwardedFor: "192.0.2.10",
        });
        assert.equal(first.status, 200);
        assert.ok(first.device, "a successful login gives the browser a device cookie");
        ownerDevice = first.device;
      });
      after(() => server?.stop());

      test("guesses from many addresses lock unknown browsers out, not the owner's browser", async () => {
        for (let i = 0; i < 3; i++) {
          const guess = await tryLogin(server.url, {
            username: "owner",
            password: `guess ${i}`,
            forwardedFor: spoofed(i),
          });
          assert.equal(guess.status, 401);
        }
        // The attacker's budget for this account is spent: even the right password is refused.
        const attacker = await tryLogin(server.url, {
          username: "owner",
          password: PASSWORD,
          forwardedFor: spoofed(50),
        });
        assert.equal(attacker.status, 429);
        assert.equal(attacker.device, null, "a refused login gets no device cookie");
        // The owner's browser has its own budget.
        const owner = await tryLogin(server.url, {
          username: "owner",
          password: PASSWORD,
          forwardedFor: "192.0.2.10",
          cookie: ownerDevice,
        });
        assert.equal(owner.status, 200);
        // A device cookie of another account is no way around the budget.
        await Person.signUp(server, "mallory");
        const mallory = await tryLogin(server.url, {
          username: "mallory",
          password: PASSWORD,
          forwardedFor: spoofed(60),
        });
        assert.ok(mallory.device);
        const borrowed = await tryLogin(server.url, {
          username: "owner",
          password: PASSWORD,
          forwardedFor: spoofed(61),
          cookie: mallory.device,
        });
        assert.equal(borrowed.status, 429);
      });

      test("an unknown username is throttled alike, so the answers do not reveal which accounts exist", async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++)
          statuses.push(
            (
              await tryLogin(server.url, {
                username: "ghost",
                password: `guess ${i}`,
                forwardedFor: spoofed(i),
              })
            ).status,
          );
        assert.deepEqual(statuses, [401, 401, 401, 429]);
      });
    });
  });
}

describe("login throttling behind HAProxy, two workers sharing Redis", () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ workers: 2, env: { TACK_AUTH_RATE_LIMIT: "6" } });
  });
  after(() => cluster?.stop());

  test("spoofed X-Forwarded-For and a second worker give no extra tries", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push(
        (await tryLogin(cluster.url, { username: "nobody", password: "x", forwardedFor: spoofed(i) })).status,
      );
    assert.deepEqual(
      statuses,
      [...Array(6).fill(401), ...Array(8).fill(429)],
      "six tries per minute for this client, whichever worker answers",
    );
  });
});
