// The rules of docs/architecture.md ("Rules the code keeps") that a type cannot hold, checked on the
// source itself: every board write goes through `execute` → `mutate`, every command is a declared
// unit with named args, and routes import each command's own file.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, test } from "node:test";

const SRC = new URL("../src/", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({
  path: relative(SRC, path),
  // Comments may name what they please: only code counts.
  code: readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, ""),
}));

const calling = (pattern: RegExp) =>
  files
    .filter((f) => pattern.test(f.code))
    .map((f) => f.path)
    .sort();

describe("code shape", () => {
  test("`mutate` is called only by `execute` (commands/command.ts)", () => {
    assert.deepEqual(calling(/(?<![\w.])mutate\(/), ["commands/command.ts"]);
  });

  test("a board transaction is opened only by mutate, the Trello import and claim requests", () => {
    // write-import.ts: per-action authors and dates (decision 0007); claims.ts: asking, withdrawing
    // and declining change only the placeholder's record and record no action (accepting is a command).
    assert.deepEqual(
      calling(/\.transact\(/).filter((path) => !path.startsWith("store/")),
      ["commands/mutate.ts", "import/claims.ts", "import/write-import.ts"],
    );
  });

  test("a two-board transaction is opened only by mutateAcross, run only by executeAcross", () => {
    assert.deepEqual(
      calling(/\.transactPair\(/).filter((path) => !path.startsWith("store/")),
      ["commands/mutate.ts"],
    );
    assert.deepEqual(calling(/(?<![\w.])mutateAcross\(/), ["commands/command.ts"]);
  });

  test("every command file declares one command with defineCommand and named args", () => {
    const helpers = /-(rules|ref)\.ts$|card-cover\.ts$/;
    const commandFiles = files.filter((f) => /^commands\/[^/]+\//.test(f.path) && !helpers.test(f.path));
    assert.ok(commandFiles.length >= 28, `found ${commandFiles.length} command files`);
    for (const file of commandFiles) {
      assert.equal(
        file.code.match(/= define(CrossBoard)?Command\(\{/g)?.length,
        1,
        `${file.path} declares exactly one command`,
      );
      // A command runs through `execute`, never as an async function of positional arguments.
      assert.doesNotMatch(file.code, /export async function/, `${file.path} exports no async function`);
    }
  });

  test("routes import each command's own file, not a module of re-exports", () => {
    for (const file of files) {
      for (const [, from] of file.code.matchAll(/from "((?:\.\.\/)+commands\/[^"]+)"/g)) {
        const target = readFileSync(join(SRC, file.path, "..", from!), "utf8");
        assert.doesNotMatch(
          target,
          /^export \{[^}]*\} from /m,
          `${file.path} imports ${from}, a re-export module`,
        );
      }
    }
  });
  test("every route is a spec (`api.define`): no file but routes/api.ts uses the `api.route`/`api.get` adapter", () => {
    assert.deepEqual(
      calling(/\bapi\.(route|get)\(/).filter((path) => path !== "routes/api.ts"),
      [],
    );
  });
});
