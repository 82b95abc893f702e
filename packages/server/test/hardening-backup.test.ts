// A backup brings back everything a board shows: the database and the attachment files (local
// store). Backed up with `npm run backup`, restored with `npm run restore` into a fresh data
// directory (and, for PostgreSQL, a fresh database), then every file and thumbnail downloads with
// the bytes that were uploaded.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import sharp from "sharp";
import { boardWithCard, download, upload } from "./attachment-helpers.ts";
import { freshPostgresDatabase, Person, type StoreKind, startServer } from "./harness.ts";
import { run } from "./support/processes.ts";

const dir = mkdtempSync(join(tmpdir(), "tack-backup-files-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const cli = (command: "backup" | "restore", file: string, env: Record<string, string>) =>
  run("npm", ["run", "--silent", command, "--", file], {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...env,
  });
const jsonLine = (output: string) => JSON.parse(output.split("\n").find((l) => l.startsWith("{"))!);

/** Every file a board shows: each attachment's download and each thumbnail, as URL paths. */
async function filesOf(person: Person, cardId: string): Promise<string[]> {
  const attachments = (await person.get(`/1/cards/${cardId}/attachments`)).body as Array<{
    url: string;
    isUpload: boolean;
    previews: Array<{ url: string }>;
  }>;
  return attachments
    .filter((a) => a.isUpload)
    .flatMap((a) => [a.url, ...a.previews.map((p) => p.url)])
    .map((url) => new URL(url).pathname);
}

async function roundTrip(kind: StoreKind) {
  const before = kind === "postgres" ? await freshPostgresDatabase() : null;
  const fresh = kind === "postgres" ? await freshPostgresDatabase() : null;
  const liveDir = mkdtempSync(join(dir, `${kind}-live-`));
  const restoredDir = mkdtempSync(join(dir, `${kind}-restored-`));
  // One public address for both servers, so the URLs a board shows compare equal.
  const publicUrl = "http://tack.example";
  const liveEnv: Record<string, string> = {
    TACK_PUBLIC_URL: publicUrl,
    TACK_DATA_DIR: liveDir,
    ...(before && { DATABASE_URL: before.url }),
  };
  const restoredEnv: Record<string, string> = {
    TACK_PUBLIC_URL: publicUrl,
    TACK_DATA_DIR: restoredDir,
    ...(fresh && { DATABASE_URL: fresh.url }),
  };
  try {
    let server = await startServer(liveEnv, "sqlite");
    const ann = await Person.signUp(server, `ann${kind}`);
    const { board, card } = await boardWithCard(ann, "Files kept");
    const png = await sharp({
      create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 40, b: 90 } },
    })
      .png()
      .toBuffer();
    const uploads = [
      await upload(ann, card.id, "plain words", { fileName: "notes.txt", type: "text/plain" }),
      await upload(ann, card.id, png, { fileName: "picture.png", type: "image/png" }),
      await upload(ann, card.id, "ünïcödé", { fileName: "ファイル.txt", type: "text/plain" }),
    ];
    for (const u of uploads) assert.equal(u.status, 200, JSON.stringify(u.body));
    const paths = await filesOf(ann, card.id);
    assert.ok(paths.length > uploads.length, "the picture has thumbnails too");
    const expected = new Map<string, Buffer>();
    for (const path of paths) {
      const got = await download(server.url + path, ann);
      assert.equal(got.status, 200, path);
      expected.set(path, got.bytes);
    }
    const boardBefore = (await ann.get(`/1/boards/${board.id}?cards=all&lists=all`)).body;

    const file = join(dir, `${kind}.backup`);
    const backup = await cli("backup", file, liveEnv);
    assert.equal(backup.code, 0, backup.output);
    assert.equal(jsonLine(backup.output).attachments.files, paths.length, backup.output);
    await server.stop();

    const restore = await cli("restore", file, restoredEnv);
    assert.equal(restore.code, 0, restore.output);
    assert.ok(existsSync(join(restoredDir, "attachments")));

    server = await startServer(restoredEnv, "sqlite");
    (ann as { server: typeof server }).server = server;
    assert.deepEqual((await ann.get(`/1/boards/${board.id}?cards=all&lists=all`)).body, boardBefore);
    assert.deepEqual(await filesOf(ann, card.id), paths);
    for (const [path, bytes] of expected) {
      const got = await download(server.url + path, ann);
      assert.equal(got.status, 200, `${path} after restore`);
      assert.ok(got.bytes.equals(bytes), `${path}: same bytes after restore`);
    }
    await server.stop();
  } finally {
    await before?.drop();
    await fresh?.drop();
  }
}

test("SQLite: backup and restore into a fresh data directory bring back every file", () =>
  roundTrip("sqlite"));
test("PostgreSQL: backup and restore into a fresh database and data directory bring back every file", () =>
  roundTrip("postgres"));
