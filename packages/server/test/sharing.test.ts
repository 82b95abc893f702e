// Sharing a board and a workspace, through real HTTP on both stores: invitations by username and
// by e-mail (single-use links that sign up and land on the board, the same answer whether or not an
// account has the address), join links an admin makes and turns off, pending invitations listed
// and revoked, workspace members and workspace-visible boards. Every refusal leaves state as it was.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { redactUrl } from "../src/ops/logging.ts";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

const tokenOf = (url: string) => url.split("/invite/")[1]!;

async function signUpThrough(server: TestServer, username: string, token: string) {
  const person = new Person(server);
  const res = await person.call(
    "POST",
    "/auth/signup",
    { username, email: `${username}@example.test`, password: "correct horse battery", invitation: token },
    "none",
  );
  person.username = username;
  if (res.status === 200) {
    person.id = res.body.member.id;
    person.csrf = res.body.csrfToken;
    person.cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  }
  return { person, res };
}

test("invitation tokens in paths never reach the request log", () => {
  const token = "ab".repeat(32);
  assert.equal(redactUrl(`/1/invitations/${token}/accept`), "/1/invitations/[redacted]/accept");
  assert.equal(redactUrl(`/invite/${token}`), "/invite/[redacted]");
});

for (const kind of storeKinds()) {
  describe(`sharing on ${kind}`, () => {
    let server: TestServer;
    let alice: Person;
    let bob: Person;
    let mallory: Person;
    let board: any;

    before(async () => {
      server = await startServer({ TACK_AUTH_RATE_LIMIT: "1000" }, kind);
      alice = await Person.signUp(server, "alice");
      bob = await Person.signUp(server, "bob");
      mallory = await Person.signUp(server, "mallory");
      board = (await alice.post("/1/boards", { name: "Plans" })).body;
    });
    after(() => server.stop());

    const memberIds = async () =>
      ((await alice.get(`/1/boards/${board.id}/memberships`)).body as any[]).map((m) => m.idMember).sort();

    test("inviting by username adds the account at once, with the role asked", async () => {
      const res = await alice.put(`/1/boards/${board.id}/members`, { username: "bob", type: "observer" });
      assert.equal(res.status, 200);
      const bobs = res.body.memberships.find((m: any) => m.idMember === bob.id);
      assert.equal(bobs.memberType, "observer");
      const mine = (await bob.get("/1/members/me/boards")).body as any[];
      assert.ok(mine.some((b) => b.id === board.id));
    });

    test("bad invitations are clear 4xx errors and change nothing", async () => {
      const before = await memberIds();
      const cases: Array<[unknown, number]> = [
        [{ username: "nobody_here" }, 404],
        [{}, 400],
        [{ email: "not an address" }, 400],
        [{ email: "x@example.test", username: "bob" }, 400],
        [{ email: "x@example.test", type: "owner" }, 400],
      ];
      for (const [body, status] of cases) {
        const res = await alice.put(`/1/boards/${board.id}/members`, body);
        assert.equal(res.status, status, JSON.stringify(body));
        assert.ok(res.body.message, "the error says what went wrong");
      }
      assert.deepEqual(await memberIds(), before);
      assert.equal((await alice.get(`/1/boards/${board.id}/invitations`)).body.length, 0);
    });

    test("an e-mail invitation answers the same whether or not an account has the address", async () => {
      const existing = await alice.put(`/1/boards/${board.id}/members`, { email: "mallory@example.test" });
      const unknown = await alice.put(`/1/boards/${board.id}/members`, { email: "stranger@example.test" });
      assert.equal(existing.status, 200);
      assert.equal(unknown.status, 200);
      const shape = (body: any) => ({
        ...body,
        invitation: { ...body.invitation, id: "", email: "", url: "", dateCreated: "", dateExpires: "" },
      });
      assert.deepEqual(shape(existing.body), shape(unknown.body));
      // Nobody was added: the invitation waits for its link.
      assert.ok(!(await memberIds()).includes(mallory.id));
      const pending = (await alice.get(`/1/boards/${board.id}/invitations`)).body as any[];
      assert.deepEqual(pending.map((p) => p.email).sort(), ["mallory@example.test", "stranger@example.test"]);
      assert.ok(
        !JSON.stringify(pending).includes(tokenOf(unknown.body.invitation.url)),
        "the token is not listed",
      );
    });

    test("signing up through an e-mail invitation joins the board once; the link then stops working", async () => {
      const invited = await alice.post(`/1/boards/${board.id}/invitations`, {
        email: "dave@example.test",
        fullName: "Dave",
        type: "normal",
      });
      assert.equal(invited.status, 200);
      const token = tokenOf(invited.body.url);
      const preview = await new Person(server).call("GET", `/1/invitations/${token}`, undefined, "none");
      assert.equal(preview.status, 200);
      assert.equal(preview.body.board.name, "Plans");
      const { person: dave, res } = await signUpThrough(server, "dave", token);
      assert.equal(res.status, 200);
      assert.equal(res.body.board.id, board.id);
      const memberships = (await alice.get(`/1/boards/${board.id}/memberships`)).body as any[];
      assert.equal(memberships.find((m) => m.idMember === dave.id)?.memberType, "normal");
      // Used once: a second signup through it is refused before any account is written.
      const again = await signUpThrough(server, "dave_two", token);
      assert.equal(again.res.status, 404);
      assert.match(again.res.body.message, /no longer valid/);
      assert.equal((await alice.get("/1/members/dave_two")).status, 404);
      const pending = (await alice.get(`/1/boards/${board.id}/invitations`)).body as any[];
      assert.ok(!pending.some((p) => p.email === "dave@example.test"));
    });

    test("an e-mail invitation used twice at once joins exactly one account", async () => {
      const invited = await alice.post(`/1/boards/${board.id}/invitations`, { email: "twice@example.test" });
      const token = tokenOf(invited.body.url);
      const [gina, hank] = await Promise.all([Person.signUp(server, "gina"), Person.signUp(server, "hank")]);
      const answers = await Promise.all([
        gina.post(`/1/invitations/${token}/accept`),
        hank.post(`/1/invitations/${token}/accept`),
      ]);
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 404]);
      const ids = await memberIds();
      assert.equal([gina.id, hank.id].filter((id) => ids.includes(id)).length, 1);
    });

    test("deleting a board ends its invitations and join links", async () => {
      const doomed = (await alice.post("/1/boards", { name: "Doomed" })).body;
      const link = await alice.post(`/1/boards/${doomed.id}/invitations`, {});
      const token = tokenOf(link.body.url);
      assert.equal((await mallory.call("GET", `/1/invitations/${token}`, undefined, "none")).status, 200);
      assert.equal((await alice.del(`/1/boards/${doomed.id}`)).status, 200);
      assert.equal((await mallory.call("GET", `/1/invitations/${token}`, undefined, "none")).status, 404);
      assert.equal((await mallory.post(`/1/invitations/${token}/accept`)).status, 404);
    });

    test("a sign-up refused for another reason leaves the invitation unused", async () => {
      const invited = await alice.post(`/1/boards/${board.id}/invitations`, { email: "ivy@example.test" });
      const token = tokenOf(invited.body.url);
      const taken = await signUpThrough(server, "mallory", token);
      assert.equal(taken.res.status, 409);
      const { person: ivy, res } = await signUpThrough(server, "ivy", token);
      assert.equal(res.status, 200);
      assert.ok((await memberIds()).includes(ivy.id));
    });

    test("a revoked invitation no longer works", async () => {
      const invited = await alice.post(`/1/boards/${board.id}/invitations`, { email: "erin@example.test" });
      const token = tokenOf(invited.body.url);
      assert.equal((await alice.del(`/1/boards/${board.id}/invitations/${invited.body.id}`)).status, 200);
      assert.equal((await alice.del(`/1/boards/${board.id}/invitations/${invited.body.id}`)).status, 404);
      const { res } = await signUpThrough(server, "erin", token);
      assert.equal(res.status, 404);
      assert.equal((await alice.get("/1/members/erin")).status, 404, "no account was written");
      assert.equal((await mallory.post(`/1/invitations/${token}/accept`)).status, 404);
    });

    test("join links: admins make them with a role, anyone holding one joins, turned off it stops", async () => {
      const observer = bob; // an observer of the board since the first test
      assert.equal((await observer.post(`/1/boards/${board.id}/invitations`, {})).status, 403);
      assert.equal((await mallory.post(`/1/boards/${board.id}/invitations`, {})).status, 404);
      const link = await alice.post(`/1/boards/${board.id}/invitations`, { type: "observer" });
      assert.equal(link.status, 200);
      assert.equal(link.body.kind, "link");
      const token = tokenOf(link.body.url);
      const { person: carol, res } = await signUpThrough(server, "carol", token);
      assert.equal(res.status, 200);
      assert.equal(res.body.board.id, board.id);
      const frank = await Person.signUp(server, "frank");
      const joined = await frank.post(`/1/invitations/${token}/accept`);
      assert.equal(joined.status, 200);
      const roles = (await alice.get(`/1/boards/${board.id}/memberships`)).body as any[];
      assert.equal(roles.find((m) => m.idMember === carol.id)?.memberType, "observer");
      assert.equal(roles.find((m) => m.idMember === frank.id)?.memberType, "observer");
      // Alice, an admin, uses the link: she stays admin.
      assert.equal((await alice.post(`/1/invitations/${token}/accept`)).status, 200);
      const aliceRole = ((await alice.get(`/1/boards/${board.id}/memberships`)).body as any[]).find(
        (m) => m.idMember === alice.id,
      );
      assert.equal(aliceRole.memberType, "admin");
      assert.equal((await alice.del(`/1/boards/${board.id}/invitations/${link.body.id}`)).status, 200);
      assert.equal((await mallory.post(`/1/invitations/${token}/accept`)).status, 404);
      assert.ok(!(await memberIds()).includes(mallory.id));
      assert.equal((await mallory.post("/1/invitations/not-a-token/accept")).status, 404);
    });

    test("only admins invite unless the board lets members invite; observers and strangers never", async () => {
      const own = (await alice.post("/1/boards", { name: "Admins only" })).body;
      await alice.put(`/1/boards/${own.id}/members`, { username: "bob", type: "normal" });
      assert.equal(
        (await alice.put(`/1/boards/${own.id}/prefs/invitations`, { value: "admins" })).status,
        200,
      );
      const refused = await bob.put(`/1/boards/${own.id}/members`, { username: "mallory" });
      assert.equal(refused.status, 403);
      assert.equal(
        (await bob.post(`/1/boards/${own.id}/invitations`, { email: "z@example.test" })).status,
        403,
      );
      assert.equal((await bob.get(`/1/boards/${own.id}/invitations`)).status, 403);
      assert.equal((await mallory.get(`/1/boards/${own.id}/invitations`)).status, 404);
      assert.equal(
        (await alice.put(`/1/boards/${own.id}/prefs/invitations`, { value: "members" })).status,
        200,
      );
      assert.equal((await bob.put(`/1/boards/${own.id}/members`, { username: "mallory" })).status, 200);
      // Members who may invite still cannot make admins or join links.
      assert.equal(
        (await bob.post(`/1/boards/${own.id}/invitations`, { email: "y@example.test", type: "admin" }))
          .status,
        403,
      );
      assert.equal((await bob.post(`/1/boards/${own.id}/invitations`, {})).status, 403);
      assert.equal((await alice.get(`/1/boards/${own.id}/invitations`)).body.length, 0);
    });

    test("anyone may leave a workspace; its boards close to them at once", async () => {
      const org = (await alice.post("/1/organizations", { displayName: "Club", name: `club_${kind}` })).body;
      const clubBoard = (await alice.post("/1/boards", { name: "Club board", idOrganization: org.id })).body;
      assert.equal((await alice.put(`/1/organizations/${org.id}/members/${mallory.id}`, {})).status, 200);
      assert.equal((await mallory.get(`/1/boards/${clubBoard.id}`)).status, 200);
      assert.equal((await mallory.del(`/1/organizations/${org.id}/members/me`)).status, 200);
      assert.equal((await mallory.get(`/1/boards/${clubBoard.id}`)).status, 404);
      assert.equal((await mallory.get(`/1/organizations/${org.id}`)).status, 404);
    });

    test("a removed member loses access at once", async () => {
      const own = (await alice.post("/1/boards", { name: "Short stay" })).body;
      await alice.put(`/1/boards/${own.id}/members`, { username: "mallory" });
      assert.equal((await mallory.get(`/1/boards/${own.id}`)).status, 200);
      assert.equal((await alice.del(`/1/boards/${own.id}/members/${mallory.id}`)).status, 200);
      assert.equal((await mallory.get(`/1/boards/${own.id}`)).status, 404);
    });

    test("workspaces: admins manage members; workspace-visible boards open to members only", async () => {
      const org = (await alice.post("/1/organizations", { displayName: "Team", name: `team_${kind}` })).body;
      // A board made in a workspace is visible to the workspace by default, as on Trello.
      const shared = (await alice.post("/1/boards", { name: "Team board", idOrganization: org.id })).body;
      assert.equal(shared.prefs.permissionLevel, "org");
      const hidden = (
        await alice.post("/1/boards", {
          name: "Private in team",
          idOrganization: org.id,
          prefs_permissionLevel: "private",
        })
      ).body;
      // Not yet a member: the workspace and its board look missing.
      assert.equal((await bob.get(`/1/organizations/${org.id}`)).status, 404);
      assert.equal((await bob.get(`/1/boards/${shared.id}`)).status, 404);
      assert.equal((await alice.put(`/1/organizations/${org.id}/members`, { username: "bob" })).status, 200);
      assert.equal((await bob.get(`/1/boards/${shared.id}`)).status, 200);
      assert.equal((await bob.get(`/1/boards/${hidden.id}`)).status, 404);
      const boards = ((await bob.get(`/1/organizations/${org.name}/boards`)).body as any[]).map(
        (b) => b.name,
      );
      assert.deepEqual(boards, ["Team board"]);
      // A normal member may not change the workspace's members.
      const before = (await alice.get(`/1/organizations/${org.id}/memberships`)).body;
      assert.equal((await bob.put(`/1/organizations/${org.id}/members/${mallory.id}`, {})).status, 403);
      assert.equal((await bob.del(`/1/organizations/${org.id}/members/${alice.id}`)).status, 403);
      assert.equal(
        (await alice.put(`/1/organizations/${org.id}/members/${mallory.id}`, { type: "boss" })).status,
        400,
      );
      // Two admins demoting each other at once: one succeeds, the workspace keeps an admin.
      assert.equal(
        (await alice.put(`/1/organizations/${org.id}/members/${mallory.id}`, { type: "admin" })).status,
        200,
      );
      const demotions = await Promise.all([
        alice.put(`/1/organizations/${org.id}/members/${mallory.id}`, { type: "normal" }),
        mallory.put(`/1/organizations/${org.id}/members/${alice.id}`, { type: "normal" }),
      ]);
      const admins = ((await alice.get(`/1/organizations/${org.id}/memberships`)).body as any[]).filter(
        (m) => m.memberType === "admin",
      );
      assert.equal(admins.length, 1);
      assert.ok(demotions.some((d) => d.status === 200));
      if (admins[0].idMember !== alice.id)
        assert.equal(
          (await mallory.put(`/1/organizations/${org.id}/members/${alice.id}`, { type: "admin" })).status,
          200,
        );
      assert.equal((await alice.del(`/1/organizations/${org.id}/members/${mallory.id}`)).status, 200);
      // The last admin cannot leave.
      assert.equal((await alice.del(`/1/organizations/${org.id}/members/me`)).status, 409);
      assert.equal(
        (await alice.put(`/1/organizations/${org.id}/members/${alice.id}`, { type: "normal" })).status,
        409,
      );
      assert.deepEqual((await alice.get(`/1/organizations/${org.id}/memberships`)).body, before);
      // Removed from the workspace, Bob loses the workspace board at once.
      assert.equal((await alice.del(`/1/organizations/${org.id}/members/${bob.id}`)).status, 200);
      assert.equal((await bob.get(`/1/boards/${shared.id}`)).status, 404);
      assert.equal((await bob.get(`/1/organizations/${org.id}/boards`)).status, 404);
    });
  });
}
