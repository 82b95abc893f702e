// E-mail against a real SMTP server started by the test (smtp-server): who gets a mail for a
// comment and who does not (the author, someone who chose "never", a stranger, someone removed),
// that each arrives once however often the outbox delivers, what it says (card, board, deep link,
// RFC 8058 one-click unsubscribe), that the unsubscribe link works, and "forgot my password".
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";
import { type SmtpSink, startSmtpSink } from "./support/smtp-sink.ts";

for (const kind of storeKinds()) {
  describe(`e-mail on ${kind}`, () => {
    let smtp: SmtpSink;
    let server: TestServer;
    let alice: Person;
    let bob: Person;
    let carol: Person;
    let dave: Person;
    let erin: Person;
    let card: any;
    let board: any;
    const delivered = () => server.app.notifications.outbox.drain();
    const mailsTo = (who: Person) => smtp.mails.filter((m) => m.to.includes(`${who.username}@example.test`));

    before(async () => {
      smtp = await startSmtpSink();
      server = await startServer(
        { TACK_AUTH_RATE_LIMIT: "1000", TACK_SMTP_URL: smtp.url, TACK_MAIL_FROM: "Tack <tack@example.test>" },
        kind,
      );
      alice = await Person.signUp(server, "alice");
      bob = await Person.signUp(server, "bob");
      carol = await Person.signUp(server, "carol");
      dave = await Person.signUp(server, "dave");
      erin = await Person.signUp(server, "erin");
      await Person.signUp(server, "stranger");
      board = (await alice.post("/1/boards", { name: "Launch" })).body;
      const list = (await alice.post("/1/lists", { name: "Doing", idBoard: board.id })).body;
      card = (await alice.post("/1/cards", { idList: list.id, name: "Press kit" })).body;
      for (const [who, type] of [
        [bob, "normal"],
        [carol, "observer"],
        [dave, "normal"],
        [erin, "normal"],
      ] as const)
        assert.equal((await alice.put(`/1/boards/${board.id}/members/${who.id}`, { type })).status, 200);
      assert.equal((await alice.del(`/1/boards/${board.id}/members/${erin.id}`)).status, 200);
      assert.deepEqual((await dave.put("/1/members/me/notificationEmail", { mode: "never" })).body, {
        mode: "never",
        enabled: true,
      });
      await delivered();
    });
    after(async () => {
      await server.stop();
      await smtp.close();
    });

    test("a mention mails the people who want it, once, with the card, the board and a deep link", async () => {
      const before = smtp.mails.length;
      const res = await alice.post(`/1/cards/${card.id}/actions/comments`, {
        text: "@bob @carol @dave @erin @stranger @alice the logos are in",
      });
      assert.equal(res.status, 200);
      await delivered();
      await delivered();
      const fresh = smtp.mails.slice(before);
      assert.deepEqual(
        fresh.map((m) => m.to).sort(),
        [["bob@example.test"], ["carol@example.test"]],
        "bob and the observer carol; not dave (never), erin (removed), the stranger or the author",
      );
      const mail = fresh.find((m) => m.to.includes("bob@example.test"))!;
      assert.equal(mail.from, "tack@example.test");
      assert.match(mail.subject, /mentioned you on the card Press kit/);
      assert.match(mail.text, /"Press kit" on the board "Launch"/);
      assert.match(mail.text, /> @bob @carol .* the logos are in/);
      assert.ok(mail.text.includes(`${server.url}/c/${card.shortLink}`), mail.text);
      assert.match(
        mail.headers.get("list-unsubscribe") ?? "",
        /^<http:\/\/127\.0\.0\.1:\d+\/email\/unsubscribe\/[0-9a-f]{48}>$/,
      );
      assert.equal(mail.headers.get("list-unsubscribe-post"), "List-Unsubscribe=One-Click");
    });

    test("the one-click unsubscribe stops the mails; a wrong token is refused and changes nothing", async () => {
      const mail = mailsTo(bob).at(-1)!;
      const link = mail.headers.get("list-unsubscribe")!.slice(1, -1);
      const path = link.slice(server.url.length);
      const wrong = await fetch(`${server.url}/email/unsubscribe/${"0".repeat(48)}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
      assert.equal(wrong.status, 400);
      assert.equal((await bob.get("/1/members/me/notificationEmail")).body.mode, "each");
      const page = await fetch(server.url + path);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<button type="submit">Unsubscribe<\/button>/);
      assert.equal(
        (await bob.get("/1/members/me/notificationEmail")).body.mode,
        "each",
        "opening the link changes nothing",
      );
      const oneClick = await fetch(server.url + path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
      assert.equal(oneClick.status, 200);
      assert.equal((await bob.get("/1/members/me/notificationEmail")).body.mode, "never");

      const before = mailsTo(bob).length;
      const carolBefore = mailsTo(carol).length;
      await alice.post(`/1/cards/${card.id}/actions/comments`, { text: "@bob @carol again" });
      await delivered();
      assert.equal(mailsTo(carol).length, carolBefore + 1);
      assert.equal(mailsTo(bob).length, before, "unsubscribed: no mail");
      const bad = await bob.put("/1/members/me/notificationEmail", { mode: "hourly" });
      assert.equal(bad.status, 400);
      assert.equal((await bob.get("/1/members/me/notificationEmail")).body.mode, "never");
    });

    test("a person who chose a summary gets one mail listing what is unread, then nothing until there is more", async () => {
      assert.equal((await carol.put("/1/members/me/notificationEmail", { mode: "digest" })).status, 200);
      const before = mailsTo(carol).length;
      await alice.post(`/1/cards/${card.id}/actions/comments`, { text: "@carol first" });
      await alice.post(`/1/cards/${card.id}/actions/comments`, { text: "@carol second" });
      await delivered();
      assert.equal(mailsTo(carol).length, before, "no mail per notification");
      const digests = server.app.notifications.digests!;
      await digests.tick(Date.now() + 25 * 3_600_000);
      assert.equal(mailsTo(carol).length, before + 1);
      const summary = mailsTo(carol).at(-1)!;
      assert.match(summary.subject, /unread notifications on Tack/);
      assert.ok(summary.text.includes(`${server.url}/c/${card.shortLink}`));
      assert.equal(summary.headers.get("list-unsubscribe-post"), "List-Unsubscribe=One-Click");
      await digests.tick(Date.now() + 26 * 3_600_000);
      assert.equal(mailsTo(carol).length, before + 1, "nothing new since the summary");
    });

    test("forgot password: the same answer for any address; the account's owner gets a working link", async () => {
      const unknown = await bob.call(
        "POST",
        "/auth/forgot-password",
        { email: "nobody@example.test" },
        "none",
      );
      const known = await bob.call("POST", "/auth/forgot-password", { email: "BOB@example.test" }, "none");
      assert.equal(unknown.status, 200);
      assert.deepEqual(unknown.body, known.body);
      const before = smtp.mails.filter((m) => /new password/.test(m.subject)).length;
      await smtp.waitFor(smtp.mails.length + (before === 0 ? 1 : 0));
      const resets = smtp.mails.filter((m) => /new password/.test(m.subject));
      assert.equal(resets.length, 1);
      assert.deepEqual(resets[0]!.to, ["bob@example.test"]);
      const token = /reset-password#token=([\w-]+)/.exec(resets[0]!.text)?.[1];
      assert.ok(token, resets[0]!.text);
      const reset = await bob.call(
        "POST",
        "/auth/reset-password",
        { token, newPassword: "a brand new passphrase" },
        "none",
      );
      assert.equal(reset.status, 200, JSON.stringify(reset.body));
      const login = await bob.call(
        "POST",
        "/auth/login",
        { username: "bob", password: "a brand new passphrase" },
        "none",
      );
      assert.equal(login.status, 200);
      const again = await bob.call(
        "POST",
        "/auth/reset-password",
        { token, newPassword: "yet another passphrase" },
        "none",
      );
      assert.equal(again.status, 400, "the link works once");
      const empty = await bob.call("POST", "/auth/forgot-password", {}, "none");
      assert.equal(empty.status, 400);
    });
  });
}
