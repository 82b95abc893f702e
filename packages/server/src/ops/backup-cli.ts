// `npm run backup -- FILE` and `npm run restore -- FILE`, for the store the environment
// configures (DATABASE_URL: PostgreSQL, else the SQLite file under TACK_DATA_DIR).
// Local attachment files travel with the database, in `FILE.attachments/` next to it.
// Stop Tack before a restore: running workers would keep serving their old view of the data.
import { loadConfig } from "../config.ts";
import { backupStore, restoreStore } from "./backup.ts";

const [command, file] = process.argv.slice(2);
if ((command !== "backup" && command !== "restore") || !file) {
  process.stderr.write("usage: npm run backup -- FILE | npm run restore -- FILE\n");
  process.exit(2);
}
try {
  const config = loadConfig();
  const result = command === "backup" ? await backupStore(config, file) : await restoreStore(config, file);
  process.stdout.write(
    `${JSON.stringify({ [command === "backup" ? "backedUp" : "restored"]: result.file, format: result.format, bytes: result.bytes, attachments: result.attachments })}\n`,
  );
} catch (error) {
  process.stderr.write(`${command} failed: ${(error as Error).message}\n`);
  process.exit(1);
}
