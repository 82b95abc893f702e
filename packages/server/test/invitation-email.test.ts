// Invitations by e-mail against a real SMTP server (smtp-server), through real HTTP on both stores:
// the mail arrives once, to the invited address, naming the board and the inviter and nothing else;
// its link signs up and lands the new account on the board as the invited role; a revoked
// invitation mails nothing and its link is dead; with SMTP off nothing is queued and the inviter
// still gets the link.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";
import { type SmtpSink, startSmtpSink } from "./support/smtp-sink.ts";

const linkIn = (text: string) => /(http:\/\/\S+\/invite\/[0-9a-f]{64})/.exec(text)?.[1];

async function signUpThrough(server: TestServer, username: string, email: string, token: string) {
  return new Person(server).call(
    "POST",
    "/auth/signup",
    { username, email, password: "correct horse battery", invitation: token },
    "none",
  );
}

for (const kind of storeKinds()) {
  describe(`invitation e-mail on ${kind}`, () => {
    let smtp: SmtpSink;
    let server: TestServer;
    let alice: Person;
    let board: any;
    const delivered = () => server.app.notifications.outbox.drain();

    before(async () => {
      smtp = await startSmtpSink();
      server = await startServer(
        { TACK_AUTH_RATE_LIMIT: "1000", TACK_SMTP_URL: smtp.url, TACK_MAIL_FROM: "Tack <tack@example.test>" },
        kind,
      );
      alice = await Person.signUp(server, "alice");
      board = (await alice.post("/1/boards", { name: "Secret Launch" })).body;
      await alice.post("/1/lists", { name: "Hidden list name", idBoard: board.id });
      await delivered();
    });
    after(async () => {
      await server.stop();
      await smtp.close();
    });

    test("the invited address gets one mail whose link signs up onto the board as the invited role", async () => {
      const before = smtp.mails.length;
      const invited = await alice.post(`/1/boards/${board.id}/invitations`, {
        email: "Bob@Example.test",
        type: "observer",
      });
      assert.equal(invited.status, 200);
      await delivered();
      await delivered();
      const fresh = smtp.mails.slice(before);
      assert.equal(fresh.length, 1, "exactly one mail however often the outbox runs");
      const mail = fresh[0]!;
      assert.deepEqual(mail.to, ["bob@example.test"]);
      assert.match(mail.subject, /alice invited you to the board Secret Launch on Tack/);
      assert.match(mail.text, /@alice/);
      assert.ok(!mail.text.includes("Hidden list name"), "nothing of the board beyond its name");
      const link = linkIn(mail.text);
      assert.equal(link, invited.body.url, "the same link the inviter was shown");
      const token = link!.split("/invite/")[1]!;
      const res = await signUpThrough(server, "bob", "bob@example.test", token);
      assert.equal(res.status, 200);
      assert.equal(res.body.board.id, board.id);
      const memberships = (await alice.get(`/1/boards/${board.id}/memberships`)).body as any[];
      assert.equal(memberships.find((m) => m.idMember === res.body.member.id)?.memberType, "observer");
    });

    test("an invitation revoked before delivery mails nothing, and its link no longer works", async () => {
      const before = smtp.mails.length;
      // The worker is paused so that its poll cannot deliver between the invitation and the revoke.
      await server.app.notifications.outbox.stop();
      const invited = await alice.post(`/1/boards/${board.id}/invitations`, { email: "carol@example.test" });
      assert.equal(invited.status, 200);
      assert.equal((await alice.del(`/1/boards/${board.id}/invitations/${invited.body.id}`)).status, 200);
      await delivered();
      server.app.notifications.outbox.start();
      assert.equal(smtp.mails.length, before, "a revoked invitation is not mailed");
      const token = invited.body.url.split("/invite/")[1];
      const res = await signUpThrough(server, "carol", "carol@example.test", token);
      assert.equal(res.status, 404);
      assert.match(res.body.message, /no longer valid/);
      assert.equal((await alice.get("/1/members/carol")).status, 404, "no account was written");
    });

    test("a link revoked after its mail arrived no longer works", async () => {
      const before = smtp.mails.length;
      const invited = await alice.post(`/1/boards/${board.id}/invitations`, { email: "dan@example.test" });
      await delivered();
      const mail = smtp.mails.slice(before).find((m) => m.to.includes("dan@example.test"));
      assert.ok(mail, "the mail arrived");
      assert.equal((await alice.del(`/1/boards/${board.id}/invitations/${invited.body.id}`)).status, 200);
      const token = linkIn(mail.text)!.split("/invite/")[1]!;
      const res = await signUpThrough(server, "dan", "dan@example.test", token);
      assert.equal(res.status, 404);
      const memberships = (await alice.get(`/1/boards/${board.id}/memberships`)).body as any[];
      assert.equal(memberships.length, 2, "alice and bob only");
    });

    test("inviting an address an account already has answers the same and mails the same way", async () => {
      const erin = await Person.signUp(server, "erin");
      const before = smtp.mails.length;
      const known = await alice.post(`/1/boards/${board.id}/invitations`, { email: "erin@example.test" });
      const unknown = await alice.post(`/1/boards/${board.id}/invitations`, { email: "nobody@example.test" });
      assert.equal(known.status, 200);
      assert.deepEqual(Object.keys(known.body).sort(), Object.keys(unknown.body).sort());
      await delivered();
      assert.deepEqual(
        smtp.mails
          .slice(before)
          .map((m) => m.to[0])
          .sort(),
        ["erin@example.test", "nobody@example.test"],
      );
      assert.ok(erin.id);
    });
  });
}

describe("invitation e-mail with SMTP off", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ TACK_AUTH_RATE_LIMIT: "1000" }, storeKinds()[0]);
  });
  after(() => server.stop());

  test("the inviter still gets the link, and nothing is queued", async () => {
    const alice = await Person.signUp(server, "alice");
    const board = (await alice.post("/1/boards", { name: "Quiet" })).body;
    const invited = await alice.post(`/1/boards/${board.id}/invitations`, { email: "x@example.test" });
    assert.equal(invited.status, 200);
    assert.match(invited.body.url, /\/invite\/[0-9a-f]{64}$/);
    const pending = await server.app.ctx.store.notify.pendingOutbox(100);
    assert.deepEqual(
      pending.filter((e) => e.topic === "invitation-mail"),
      [],
    );
  });
});
