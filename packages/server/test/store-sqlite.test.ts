// The store contract on SQLite, on a temporary file (the embedded default's real setup).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStore } from "../src/store/sqlite.ts";
import { storeContract } from "./store-contract.ts";

const dir = mkdtempSync(join(tmpdir(), "tack-store-"));

storeContract("SQLite", {
  open: async () => new SqliteStore(join(dir, "tack.db"), { checkSharedObjects: true }),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});
