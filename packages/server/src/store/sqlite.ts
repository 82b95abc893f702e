// The SQLite adapter lives in sqlite/, one file per concern; this path stays for its importers.
export { SqliteStore } from "./sqlite/store.ts";
