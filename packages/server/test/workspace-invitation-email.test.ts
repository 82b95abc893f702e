// Workspace invitations by e-mail (Trello's PUT /1/organizations/{id}/members with `email`) against
// a real SMTP server, through real HTTP on both stores: only workspace admins invite, list and
// revoke; bad input is refused with nothing written; the mail arrives once, naming the workspace;
// its link signs up into the workspace with the invited role, and the workspace's boards open; a
// revoked invitation mails nothing and its link is dead.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";
import { type SmtpSink, startSmtpSink } from "./support/smtp-sink.ts";

const linkIn = (text: string) => /(http:\/\/\S+\/invite\/[0-9a-f]{64})/.exec(text)?.[1];
const tokenOf = (url: string) => url.split("/invite/")[1]!;

async function signUpThrough(server: TestServer, username: string, token: string) {
  return new Person(server).call(
    "POST",
    "/auth/signup",
    { username, email: `${username}@example.test`, password: "correct horse battery", invitation: token },
    "none",
  );
}

for (const kind of storeKinds()) {
  describe(`workspace invitation e-mail on ${kind}`, () => {
    let smtp: SmtpSink;
    let server: TestServer;
    let alice: Person;
    let norm: Person;
    let org: any;
    let board: any;
    const delivered = () => server.app.notifications.outbox.drain();
    const invite = (who: Person, body: unknown, id = org.id) =>
      who.put(`/1/organizations/${id}/members`, body);
    const pending = async () => (await alice.get(`/1/organizations/${org.id}/invitations`)).body as any[];

    before(async () => {
      smtp = await startSmtpSink();
      server = await startServer(
        { TACK_AUTH_RATE_LIMIT: "1000", TACK_SMTP_URL: smtp.url, TACK_MAIL_FROM: "Tack <tack@example.test>" },
        kind,
      );
      alice = await Person.signUp(server, "alice");
      norm = await Person.signUp(server, "norm");
      org = (await alice.post("/1/organizations", { displayName: "Rocket Team" })).body;
      await invite(alice, { username: "norm", type: "normal" });
      board = (await alice.post("/1/boards", { name: "Launch plan", idOrganization: org.id })).body;
      await delivered();
    });
    after(async () => {
      await server.stop();
      await smtp.close();
    });

    test("the invited address gets one mail whose link signs up into the workspace as the invited role", async () => {
      const before = smtp.mails.length;
      const invited = await invite(alice, { email: "Bob@Example.test", fullName: "Bob B", type: "admin" });
      assert.equal(invited.status, 200);
      assert.equal(invited.body.idOrganization, org.id);
      assert.equal(invited.body.email, "bob@example.test");
      assert.equal(invited.body.memberType, "admin");
      assert.deepEqual(
        (await pending()).map((i) => i.email),
        ["bob@example.test"],
        "listed as pending",
      );
      await delivered();
      await delivered();
      const fresh = smtp.mails.slice(before);
      assert.equal(fresh.length, 1, "exactly one mail however often the outbox runs");
      const mail = fresh[0]!;
      assert.deepEqual(mail.to, ["bob@example.test"]);
      assert.match(mail.subject, /alice invited you to the workspace Rocket Team on Tack/);
      assert.ok(!mail.text.includes("Launch plan"), "nothing of the workspace beyond its name");
      const link = linkIn(mail.text)!;
      assert.equal(link, invited.body.url, "the same link the inviter was shown");

      const preview = await new Person(server).call(
        "GET",
        `/1/invitations/${tokenOf(link)}`,
        undefined,
        "none",
      );
      assert.equal(preview.status, 200);
      assert.equal(preview.body.organization.id, org.id);
      assert.equal(preview.body.organization.displayName, "Rocket Team");
      assert.equal(preview.body.board, undefined);

      const res = await signUpThrough(server, "bob", tokenOf(link));
      assert.equal(res.status, 200);
      assert.equal(res.body.organization.id, org.id);
      const memberships = (await alice.get(`/1/organizations/${org.id}/memberships`)).body as any[];
      assert.equal(memberships.find((m) => m.idMember === res.body.member.id)?.memberType, "admin");
      assert.deepEqual(await pending(), [], "used up");
      // The link works once.
      assert.equal((await signUpThrough(server, "bob2", tokenOf(link))).status, 404);
    });

    test("an existing account joins by accepting the link while logged in, and the workspace boards open", async () => {
      const erin = await Person.signUp(server, "erin");
      const invited = await invite(alice, { email: "erin@example.test" });
      assert.equal(invited.status, 200);
      assert.equal((await erin.get(`/1/boards/${board.id}`)).status, 404, "not yet in the workspace");
      const accepted = await erin.post(`/1/invitations/${tokenOf(invited.body.url)}/accept`, {});
      assert.equal(accepted.status, 200);
      assert.equal(accepted.body.organization.id, org.id);
      assert.equal((await erin.get(`/1/boards/${board.id}`)).status, 200, "the workspace's board opens");
      const memberships = (await alice.get(`/1/organizations/${org.id}/memberships`)).body as any[];
      assert.equal(memberships.find((m) => m.idMember === erin.id)?.memberType, "normal");
    });

    test("an invitation revoked before delivery mails nothing, and its link no longer works", async () => {
      const before = smtp.mails.length;
      // The worker is paused so that its poll cannot deliver between the invitation and the revoke.
      await server.app.notifications.outbox.stop();
      const invited = await invite(alice, { email: "carol@example.test" });
      assert.equal(invited.status, 200);
      const revoke = `/1/organizations/${org.id}/invitations/${invited.body.id}`;
      assert.equal((await norm.del(revoke)).status, 403, "a normal member may not revoke");
      assert.equal((await alice.del(revoke)).status, 200);
      assert.equal((await alice.del(revoke)).status, 404, "already revoked");
      await delivered();
      server.app.notifications.outbox.start();
      assert.equal(smtp.mails.length, before, "a revoked invitation is not mailed");
      const res = await signUpThrough(server, "carol", tokenOf(invited.body.url));
      assert.equal(res.status, 404);
      assert.match(res.body.message, /no longer valid/);
      assert.equal((await alice.get("/1/members/carol")).status, 404, "no account was written");
    });

    test("only workspace admins invite and see invitations; bad input is refused with nothing written", async () => {
      const before = (await pending()).length;
      const byNormal = await invite(norm, { email: "x@example.test" });
      assert.equal(byNormal.status, 403);
      assert.match(byNormal.body.message, /Only workspace admins/);
      assert.equal((await norm.get(`/1/organizations/${org.id}/invitations`)).status, 403);
      const stranger = await Person.signUp(server, "stranger");
      assert.equal((await invite(stranger, { email: "x@example.test" })).status, 404, "not their workspace");
      assert.equal((await stranger.get(`/1/organizations/${org.id}/invitations`)).status, 404);
      assert.equal((await invite(alice, { email: "x@example.test" }, "nosuchworkspace")).status, 404);
      const malformed = await invite(alice, { email: "not an address" });
      assert.equal(malformed.status, 400);
      assert.match(JSON.stringify(malformed.body), /e-mail address/);
      const observer = await invite(alice, { email: "x@example.test", type: "observer" });
      assert.equal(observer.status, 400, "a workspace has no observers");
      const both = await invite(alice, { email: "x@example.test", username: "norm" });
      assert.equal(both.status, 400);
      assert.match(JSON.stringify(both.body), /either the username or the e-mail address/);
      assert.equal((await invite(alice, { email: 42 })).status, 400);
      assert.equal((await pending()).length, before, "nothing written");
    });

    test("inviting the same address again replaces the earlier invitation", async () => {
      const first = await invite(alice, { email: "dup@example.test" });
      const second = await invite(alice, { email: "DUP@example.test", type: "admin" });
      assert.equal(second.status, 200);
      const dup = (await pending()).filter((i) => i.email === "dup@example.test");
      assert.deepEqual(
        dup.map((i) => [i.id, i.memberType]),
        [[second.body.id, "admin"]],
      );
      assert.equal((await signUpThrough(server, "dup1", tokenOf(first.body.url))).status, 404);
    });
  });
}
