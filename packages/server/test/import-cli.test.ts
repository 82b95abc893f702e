// The command line importer, run as an operator would (`npm run tack -- import trello FILE --as
// USER`), against the same database a running server uses: the board it makes shows up in the API.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { smallExportText } from "./fixtures/trello/fixtures.ts";
import { Person, startServer, type TestServer } from "./harness.ts";
import { storedRows } from "./stored-rows.ts";

let server: TestServer;
let ada: Person;
let bert: Person;
let dir: string;

const CLI = new URL("../src/cli/main.ts", import.meta.url).pathname;

before(async () => {
  server = await startServer();
  ada = await Person.signUp(server, "ada");
  bert = await Person.signUp(server, "bert");
  dir = mkdtempSync(join(tmpdir(), "tack-cli-"));
});
after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

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

describe("tack import trello (command line)", () => {
  test("imports a file as a new board owned by --as, with --map entries", async () => {
    const file = join(dir, "board.json");
    writeFileSync(file, smallExportText());
    const run = await tack(
      "import",
      "trello",
      file,
      "--as",
      "ada",
      "--map",
      "alicearcher=ada",
      "--map",
      "bobbaker=bert",
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /Imported "Café Relaunch ☕ — Q3" in \d+ ms: http:\/\/127\.0\.0\.1:\d+\/b\/\w{8}\/caf/,
    );
    assert.match(
      run.stdout,
      /4 lists, 6 cards, 6 labels, 2 checklists \(4 items\), 3 comments, 2 attachments/,
    );
    assert.match(run.stdout, /warning \(members_placeholders\): .*Carol Ünterberg/);
    const id = /board id ([0-9a-f]{24})/.exec(run.stdout)![1]!;
    const board = await ada.get(`/1/boards/${id}?cards=all&members=all`);
    assert.equal(board.status, 200);
    assert.equal(board.body.cards.length, 6);
    // Bert is asked to claim Bob Baker; until he accepts, Bob is a placeholder like Carol.
    assert.deepEqual(board.body.members.map((m: any) => [m.fullName, m.memberType]).sort(), [
      ["Bob Baker", "ghost"],
      ["Carol Ünterberg", "ghost"],
      ["Test ada", "normal"],
    ]);
    const claims = (await bert.get("/1/members/me/claims")).body;
    assert.deepEqual(
      claims.map((c: any) => [c.placeholder.fullName, c.board.id]),
      [["Bob Baker", id]],
    );
  });

  test("the same limits as the API: a file past 50 MB, a text past 16,384 characters", async () => {
    const rows = await storedRows(server);
    const big = join(dir, "big.json");
    writeFileSync(big, smallExportText());
    // A sparse file: its size is what the check reads, before reading the file at all.
    truncateSync(big, 63 * 1_048_576);
    const tooBig = await tack("import", "trello", big, "--as", "ada");
    assert.equal(tooBig.code, 2);
    assert.match(tooBig.stderr, /big\.json is 63\.0 MB; an import takes at most 50 MB/);
    const longName = join(dir, "long.json");
    writeFileSync(longName, JSON.stringify({ ...JSON.parse(smallExportText()), name: "n".repeat(20_000) }));
    const tooLong = await tack("import", "trello", longName, "--as", "ada");
    assert.equal(tooLong.code, 1);
    assert.match(tooLong.stderr, /name: is 20,000 characters long; .* at most 16,384/);
    assert.deepEqual(await storedRows(server), rows);
  });

  test("mistakes on the command line say what to type, and write nothing", async () => {
    const rows = await storedRows(server);
    const file = join(dir, "board.json");
    writeFileSync(file, smallExportText());
    const noOwner = await tack("import", "trello", file);
    assert.equal(noOwner.code, 2);
    assert.match(noOwner.stderr, /--as USERNAME/);
    const nobody = await tack("import", "trello", file, "--as", "zed");
    assert.equal(nobody.code, 2);
    assert.match(nobody.stderr, /no Tack account "zed"/);
    const missing = await tack("import", "trello", join(dir, "nope.json"), "--as", "ada");
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nope\.json: ENOENT/);
    const badMap = await tack("import", "trello", file, "--as", "ada", "--map", "zed=ada");
    assert.equal(badMap.code, 1);
    assert.match(badMap.stderr, /--map: no Trello member "zed"/);
    const notTrello = join(dir, "package.json");
    writeFileSync(notTrello, JSON.stringify({ name: "x", version: "1.0.0" }));
    const wrong = await tack("import", "trello", notTrello, "--as", "ada");
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /not a Trello board export/);
    const unknown = await tack("export", "jira");
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command "export jira"/);
    assert.deepEqual(await storedRows(server), rows);
  });
});
