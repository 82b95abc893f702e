// Generated bad input, on both stores: every write route of the OpenAPI document (/1/openapi.json)
// gets malformed, oversized and edge-case bodies (fixed cases for each route, then property-based
// ones from fast-check, a bounded number of runs). Each answer is a 2xx (the write was legitimate)
// or a 4xx with a message, never a 5xx; after a 4xx the board reads exactly as before.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { MAX_BODY_BYTES } from "@tack/shared/limits";
import fc from "fast-check";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

interface Route {
  method: "POST" | "PUT";
  path: string;
  properties: string[];
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
}

type OpenApi = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
  >;
};

/** Writes that end the test's own session, and DELETEs (they take no body), are left out. */
const LEFT_OUT = new Set(["POST /auth/logout"]);

async function writeRoutes(server: TestServer): Promise<Route[]> {
  const doc = (await (await fetch(`${server.url}/1/openapi.json`)).json()) as OpenApi;
  const routes: Route[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, operation] of Object.entries(item)) {
      const upper = method.toUpperCase();
      if ((upper !== "POST" && upper !== "PUT") || LEFT_OUT.has(`${upper} ${path}`)) continue;
      const schema = operation.requestBody?.content?.["application/json"]?.schema;
      routes.push({ method: upper, path, properties: Object.keys(schema?.properties ?? {}) });
    }
  return routes;
}

/** Real ids for a route's path parameters, so bad bodies reach the code behind the lookups. */
interface Fixtures {
  board: string;
  list: string;
  card: string;
  label: string;
  checklist: string;
  checkItem: string;
  comment: string;
  attachment: string;
  member: string;
  organization: string;
}

async function makeFixtures(person: Person): Promise<Fixtures> {
  const ok = <T>(res: { status: number; body: T }, what: string): T => {
    assert.equal(res.status, 200, `${what}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const organization = ok(await person.post("/1/organizations", { displayName: "Fuzz team" }), "team");
  const board = ok(await person.post("/1/boards", { name: "Fuzzed", defaultLists: false }), "board");
  const list = ok(await person.post("/1/lists", { name: "List", idBoard: board.id }), "list");
  const card = ok(await person.post("/1/cards", { name: "Card", idList: list.id }), "card");
  const label = ok(await person.post("/1/labels", { name: "L", color: "red", idBoard: board.id }), "label");
  const checklist = ok(await person.post(`/1/cards/${card.id}/checklists`, { name: "Steps" }), "checklist");
  const checkItem = ok(
    await person.post(`/1/checklists/${checklist.id}/checkItems`, { name: "One" }),
    "item",
  );
  const comment = ok(await person.post(`/1/cards/${card.id}/actions/comments`, { text: "Hi" }), "comment");
  const attachment = ok(
    await person.post(`/1/cards/${card.id}/attachments`, { url: "https://example.com/a" }),
    "attachment",
  );
  return {
    board: board.id,
    list: list.id,
    card: card.id,
    label: label.id,
    checklist: checklist.id,
    checkItem: checkItem.id,
    comment: comment.id,
    attachment: attachment.id,
    member: person.id,
    organization: organization.id,
  };
}

function fillPath(path: string, f: Fixtures): string {
  const kind = path.split("/")[2] ?? "";
  const ids: Record<string, string> = {
    boards: f.board,
    lists: f.list,
    cards: f.card,
    labels: f.label,
    checklists: f.checklist,
    actions: f.comment,
    organizations: f.organization,
  };
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === "id") return ids[kind] ?? f.board;
    const byName: Record<string, string> = {
      idMember: f.member,
      idMembership: f.member,
      idCheckItem: f.checkItem,
      idAction: f.comment,
      idAttachment: f.attachment,
      idBoard: f.board,
      idToken: "0".repeat(24),
      target: f.label,
    };
    return byName[name] ?? f.board;
  });
}

/** What a board and its person show: compared before and after every refused write. */
async function snapshot(person: Person, f: Fixtures): Promise<string | null> {
  const [board, comments, me] = await Promise.all([
    person.get(`/1/boards/${f.board}?cards=all&lists=all&labels=all&checklists=all&card_attachments=true`),
    person.get(`/1/cards/${f.card}/actions?filter=commentCard`),
    person.get("/1/members/me?boards=all&organizations=all"),
  ]);
  if (board.status !== 200) return null;
  const strip = (member: Record<string, unknown>) => ({ ...member, dateLastActive: undefined });
  return JSON.stringify([board.body, comments.body, strip(me.body)]);
}

const LONG = "x".repeat(70_000);
/** Values that have broken servers before: wrong types, extremes, odd text. */
const EDGE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  "",
  " ",
  "\ud800",
  "a\u0000b",
  "😀".repeat(300),
  LONG,
  "0".repeat(24),
  "ffffffffffffffffffffffff",
  "top",
  "bottom",
  "-5",
  "1e999",
  "NaN",
  "true",
  "null",
  "2026-13-45T99:99:99Z",
  "javascript:alert(1)",
  "red,blue,nope",
  [],
  [null],
  ["a", 1, {}],
  {},
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
  Array.from({ length: 2_000 }, (_, i) => i),
];

/** A raw body and its content type. */
interface RawBody {
  text: string;
  type: string;
}

const asJson = (value: unknown): RawBody => ({ text: JSON.stringify(value), type: "application/json" });

function fixedBodies(route: Route, f: Fixtures): RawBody[] {
  const bodies: RawBody[] = [
    { text: "{", type: "application/json" },
    { text: "not json at all", type: "application/json" },
    { text: '{"a":1}{"b":2}', type: "application/json" },
    asJson([]),
    asJson("a string"),
    asJson(42),
    asJson(null),
    { text: `{"name":"${"y".repeat(MAX_BODY_BYTES + 10)}"}`, type: "application/json" },
    { text: "name=%ZZ&name=&pos=-", type: "application/x-www-form-urlencoded" },
    { text: "<xml/>", type: "application/xml" },
    { text: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}', type: "application/json" },
    { text: `{${'"k":1,'.repeat(5_000)}"z":1}`, type: "application/json" },
    { text: `${"[".repeat(5_000)}${"]".repeat(5_000)}`, type: "application/json" },
  ];
  // Every property meets every edge value, in as many bodies as there are values: body i gives
  // property j the value i + j (so neighbouring properties differ within one body).
  if (route.properties.length > 0)
    for (let i = 0; i < EDGE_VALUES.length; i++) {
      const fields = Object.fromEntries(
        route.properties.map((property, j) => [property, EDGE_VALUES[(i + j) % EDGE_VALUES.length]]),
      );
      bodies.push(asJson({ ...baseBody(route, f), ...fields }));
    }
  return bodies;
}

/** The least a route needs to get past its first checks (so edge values reach deeper code). */
function baseBody(route: Route, f: Fixtures): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (route.properties.includes("idBoard")) body.idBoard = f.board;
  if (route.properties.includes("idList")) body.idList = f.list;
  if (route.properties.includes("idCard")) body.idCard = f.card;
  if (route.properties.includes("idChecklist")) body.idChecklist = f.checklist;
  return body;
}

const edgeValue = fc.oneof(
  fc.constantFrom(...EDGE_VALUES),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 3 }),
);

function generatedBody(route: Route, f: Fixtures): fc.Arbitrary<RawBody> {
  const known = route.properties.length > 0 ? route.properties : ["name"];
  const shaped = fc
    .dictionary(fc.constantFrom(...known, "pos", "value", "extra"), edgeValue, { maxKeys: 4 })
    .map((fields) => asJson({ ...baseBody(route, f), ...fields }));
  const anything = fc.anything({ maxDepth: 3 }).map((value) => asJson(value ?? null));
  const garbled = fc
    .tuple(shaped, fc.nat(), fc.string({ maxLength: 3 }))
    .map(([body, at, junk]) => ({ ...body, text: body.text.slice(0, at % (body.text.length + 1)) + junk }));
  return fc.oneof(shaped, shaped, anything, garbled);
}

for (const kind of storeKinds()) {
  describe(`bad input on every write route (${kind})`, () => {
    let server: TestServer;
    let alice: Person;
    let routes: Route[];
    let fixtures: Fixtures;
    let before_: string;
    const failures: string[] = [];
    /** Answers by status, reported as a diagnostic (how much got past validation). */
    const statuses = new Map<number, number>();

    before(async () => {
      server = await startServer({ TACK_AUTH_RATE_LIMIT: "100000", TACK_TOKEN_RATE_LIMIT: "100000" }, kind);
      alice = await Person.signUp(server, "alice");
      routes = await writeRoutes(server);
      fixtures = await makeFixtures(alice);
      before_ = (await snapshot(alice, fixtures))!;
    });
    after(async () => {
      const counts = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
      process.stdout.write(`${kind} answers by status: ${counts.join(", ")}\n`);
      await server.stop();
    });

    /** Sends one body; records a 5xx, a 4xx without a message, or a 4xx that changed the board. */
    async function attempt(route: Route, body: RawBody): Promise<void> {
      const path = fillPath(route.path, fixtures);
      const url = `${server.url}${path}${path.includes("?") ? "&" : "?"}key=${"0".repeat(32)}&token=${alice.token}`;
      const res = await fetch(url, {
        method: route.method,
        headers: { "content-type": body.type },
        body: body.text,
      });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const what = `${route.method} ${route.path} ${body.type} ${body.text.slice(0, 120)} → ${res.status} ${text.slice(0, 200)}`;
      if (res.status >= 500) failures.push(what);
      else if (res.status >= 400) {
        let message: unknown;
        try {
          message = (JSON.parse(text) as { message?: unknown }).message;
        } catch {}
        if (typeof message !== "string" || message === "") failures.push(`no message: ${what}`);
        const now = await snapshot(alice, fixtures);
        if (now !== before_) failures.push(`state changed: ${what}`);
      } else {
        // A legitimate write: it becomes the new "before" (new fixtures if it removed them).
        const now = await snapshot(alice, fixtures);
        if (now === null) fixtures = await makeFixtures(alice);
        before_ = (await snapshot(alice, fixtures))!;
      }
      assert.ok(failures.length < 20, failures.join("\n"));
    }

    test("fixed malformed, oversized and edge-case bodies", async () => {
      assert.ok(routes.length > 40, `${routes.length} write routes found`);
      for (const route of routes) for (const body of fixedBodies(route, fixtures)) await attempt(route, body);
      assert.deepEqual(failures, []);
    });

    test("generated bodies (fast-check)", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...routes)
            .chain((route) => fc.tuple(fc.constant(route), generatedBody(route, fixtures))),
          async ([route, body]) => {
            await attempt(route, body);
            return failures.length === 0;
          },
        ),
        { numRuns: Number(process.env.TACK_FUZZ_RUNS ?? 1000), endOnFailure: true },
      );
      assert.deepEqual(failures, []);
    });
  });
}
