// Security issue 5: ending a stolen session. Sessions and tokens are listed with where and when
// they were last used and can be revoked one by one; changing the password ends the other
// sessions; "log out everywhere" ends them all; personal tokens may expire; an operator can issue
// a single-use password reset link. Plus account enumeration at signup: an e-mail address in use
// is not revealed.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { newId, newSecret } from "@tack/shared/ids";
import { sha256 } from "../src/auth/secrets.ts";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

const PASSWORD = "correct horse battery";
const CLI = new URL("../src/cli/main.ts", import.meta.url).pathname;

/** A browser logged in with its own cookie jar (session cookie and CSRF token). */
class Browser {
  cookie = "";
  csrf = "";
  readonly server: TestServer;
  readonly userAgent: string;

  constructor(server: TestServer, userAgent: string) {
    this.server = server;
    this.userAgent = userAgent;
  }

  static async login(server: TestServer, username: string, userAgent: string, password = PASSWORD) {
    const browser = new Browser(server, userAgent);
    const res = await browser.call("POST", "/auth/login", { username, password });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return browser;
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { "user-agent": this.userAgent };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== "GET") headers["x-csrf-token"] = this.csrf;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(this.server.url + path, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith("tack_session="));
    if (session) this.cookie = session.split(";")[0]!;
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : null;
    if (parsed?.csrfToken) this.csrf = parsed.csrfToken;
    return { status: res.status, body: parsed };
  }

  async loggedIn(): Promise<boolean> {
    const status = (await this.call("GET", "/auth/session")).status;
    assert.ok(status === 200 || status === 401, `unexpected ${status}`);
    return status === 200;
  }
}

async function canLogIn(server: TestServer, username: string, password: string): Promise<boolean> {
  const res = await fetch(`${server.url}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  await res.text();
  return res.status === 200;
}

for (const kind of storeKinds()) {
  describe(`sessions, tokens and passwords (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startServer({ TACK_AUTH_RATE_LIMIT: "100000" }, kind);
    });
    after(() => server?.stop());

    function tack(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
      const { config } = server.app.ctx;
      const env = {
        PATH: process.env.PATH ?? "",
        TACK_DATA_DIR: config.dataDir,
        TACK_PUBLIC_URL: config.publicUrl,
        ...(config.databaseUrl && { DATABASE_URL: config.databaseUrl }),
      };
      return new Promise((resolve) => {
        execFile(process.execPath, [CLI, ...args], { env }, (error, stdout, stderr) => {
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        });
      });
    }

    test("sessions are listed with address, browser and last use; one can be ended, a stranger's cannot", async () => {
      await Person.signUp(server, "sara");
      const laptop = await Browser.login(server, "sara", "Laptop/1.0");
      const phone = await Browser.login(server, "sara", "Phone/2.0");
      const listed = await laptop.call("GET", "/auth/sessions");
      assert.equal(listed.status, 200);
      assert.equal(listed.body.length, 3);
      const mine = listed.body.find((s: { current: boolean }) => s.current);
      assert.equal(mine.userAgent, "Laptop/1.0");
      assert.equal(mine.address, "127.0.0.1");
      assert.ok(Date.parse(mine.dateLastUsed) > Date.now() - 60_000);
      const phones = listed.body.find((s: { userAgent: string }) => s.userAgent === "Phone/2.0");
      assert.ok(phones && !phones.current);
      assert.ok(!JSON.stringify(listed.body).includes(phone.cookie.split("=")[1]!), "no cookie in the list");

      const stranger = await Person.signUp(server, "stan");
      const refused = await stranger.call("DELETE", `/auth/sessions/${phones.id}`, undefined, "session");
      assert.equal(refused.status, 404);
      assert.equal(await phone.loggedIn(), true, "a stranger cannot end someone else's session");

      assert.equal((await laptop.call("DELETE", `/auth/sessions/${phones.id}`)).status, 200);
      assert.equal(await phone.loggedIn(), false);
      assert.equal(await laptop.loggedIn(), true);
      assert.equal((await laptop.call("GET", "/auth/sessions")).body.length, 2);
      assert.equal((await laptop.call("DELETE", `/auth/sessions/${phones.id}`)).status, 404);
    });

    test("changing the password needs the current one and ends every other session", async () => {
      const person = await Person.signUp(server, "pat");
      const here = await Browser.login(server, "pat", "Here/1");
      const there = await Browser.login(server, "pat", "There/1");
      const wrong = await here.call("POST", "/auth/password", {
        currentPassword: "not it",
        newPassword: "a much better one",
      });
      assert.equal(wrong.status, 401);
      assert.equal(await there.loggedIn(), true, "a refused change ends nothing");
      assert.equal(await canLogIn(server, "pat", PASSWORD), true, "and keeps the password");
      const short = await here.call("POST", "/auth/password", {
        currentPassword: PASSWORD,
        newPassword: "short",
      });
      assert.equal(short.status, 400);
      assert.equal(await canLogIn(server, "pat", PASSWORD), true);
      const viaToken = await person.post("/auth/password", {
        currentPassword: PASSWORD,
        newPassword: "a much better one",
      });
      assert.equal(viaToken.status, 403, "an API token cannot change the password");

      const changed = await here.call("POST", "/auth/password", {
        currentPassword: PASSWORD,
        newPassword: "a much better one",
      });
      assert.equal(changed.status, 200);
      assert.ok(changed.body.endedSessions >= 2);
      assert.equal(await there.loggedIn(), false);
      assert.equal(await here.loggedIn(), true);
      assert.equal(await canLogIn(server, "pat", PASSWORD), false);
      assert.equal(await canLogIn(server, "pat", "a much better one"), true);
    });

    test("log out everywhere ends every session, this one included", async () => {
      await Person.signUp(server, "lou");
      const one = await Browser.login(server, "lou", "One/1");
      const two = await Browser.login(server, "lou", "Two/1");
      const res = await one.call("POST", "/auth/logout-everywhere", {});
      assert.equal(res.status, 200);
      assert.equal(await one.loggedIn(), false);
      assert.equal(await two.loggedIn(), false);
    });

    test("tokens may expire, show their last use, and stop working when revoked", async () => {
      const tia = await Person.signUp(server, "tia");
      const before = (await tia.get("/1/members/me/tokens")).body.length;
      const bad = await tia.post("/1/members/me/tokens", { name: "x", expiresInDays: 0 });
      assert.equal(bad.status, 400);
      assert.equal((await tia.get("/1/members/me/tokens")).body.length, before, "nothing was created");

      const made = await tia.post("/1/members/me/tokens", { name: "ci", expiresInDays: 30 });
      assert.equal(made.status, 200);
      const days = (Date.parse(made.body.dateExpires) - Date.now()) / 86_400_000;
      assert.ok(days > 29.9 && days <= 30, `expires in 30 days, got ${days}`);
      const used = await fetch(`${server.url}/1/members/me?key=${"0".repeat(32)}&token=${made.body.token}`, {
        headers: { "user-agent": "ci-runner/7" },
      });
      assert.equal(used.status, 200);
      const listed = (await tia.get("/1/members/me/tokens")).body.find(
        (t: { id: string }) => t.id === made.body.id,
      );
      assert.equal(listed.userAgent, "ci-runner/7");
      assert.equal(listed.address, "127.0.0.1");
      assert.ok(listed.dateLastUsed);
      assert.ok(!JSON.stringify(listed).includes(made.body.token), "no secret in the list");

      // A token whose time is up (stored directly: tests do not wait days).
      const expired = newSecret();
      await server.app.ctx.store.insertToken({
        id: newId(),
        tokenHash: sha256(expired),
        memberId: tia.id,
        name: "old",
        createdAt: new Date().toISOString(),
        expiresAt: Date.now() - 1,
        lastUsed: null,
      });
      const late = await fetch(`${server.url}/1/members/me?key=${"0".repeat(32)}&token=${expired}`);
      assert.equal(late.status, 401);
      assert.match(((await late.json()) as { message: string }).message, /expired/);

      assert.equal((await tia.del(`/1/members/me/tokens/${made.body.id}`)).status, 200);
      const revoked = await fetch(
        `${server.url}/1/members/me?key=${"0".repeat(32)}&token=${made.body.token}`,
      );
      assert.equal(revoked.status, 401);
    });

    test("an operator's reset link sets a new password once and ends every session", async () => {
      await Person.signUp(server, "rex");
      const browser = await Browser.login(server, "rex", "Rex/1");
      const unknown = await tack("reset-password", "nobody_here");
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /no Tack account "nobody_here"/);

      const run = await tack("reset-password", "rex");
      assert.equal(run.code, 0, run.stderr);
      const link = /(http\S+\/reset-password#token=(\S+))/.exec(run.stdout);
      assert.ok(link, run.stdout);
      assert.ok(link[1]!.startsWith(server.url), "the link points at the public URL");
      const token = link[2]!;
      assert.equal(await browser.loggedIn(), true, "making the link changes nothing yet");

      const anon = new Browser(server, "Anon/1");
      const forged = await anon.call("POST", "/auth/reset-password", {
        token: "not-a-token",
        newPassword: "brand new pass",
      });
      assert.equal(forged.status, 400);
      const used = await anon.call("POST", "/auth/reset-password", { token, newPassword: "brand new pass" });
      assert.equal(used.status, 200);
      assert.equal(await browser.loggedIn(), false);
      assert.equal(await canLogIn(server, "rex", PASSWORD), false);
      assert.equal(await canLogIn(server, "rex", "brand new pass"), true);
      const again = await anon.call("POST", "/auth/reset-password", {
        token,
        newPassword: "yet another one",
      });
      assert.equal(again.status, 400, "a reset link works once");
      assert.equal(await canLogIn(server, "rex", "brand new pass"), true);
    });

    test("signing up with an e-mail address in use does not reveal it, and does not take it", async () => {
      const owner = await Person.signUp(server, "olga");
      const fresh = await new Person(server).call(
        "POST",
        "/auth/signup",
        { username: "fresh_one", email: "fresh_one@example.test", password: PASSWORD },
        "none",
      );
      const probe = await new Person(server).call(
        "POST",
        "/auth/signup",
        { username: "probe", email: "OLGA@example.test", password: PASSWORD },
        "none",
      );
      assert.equal(probe.status, fresh.status);
      assert.deepEqual(Object.keys(probe.body).sort(), Object.keys(fresh.body).sort());
      // The address still logs in its owner only.
      const byEmail = await new Browser(server, "x").call("POST", "/auth/login", {
        username: "olga@example.test",
        password: PASSWORD,
      });
      assert.equal(byEmail.status, 200);
      assert.equal(byEmail.body.member.id, owner.id);
      assert.equal(await canLogIn(server, "probe", PASSWORD), true);
      // Usernames are public (as on Trello): a taken one is said plainly.
      const taken = await new Person(server).call(
        "POST",
        "/auth/signup",
        { username: "olga", email: "other@example.test", password: PASSWORD },
        "none",
      );
      assert.equal(taken.status, 409);
    });
  });
}
