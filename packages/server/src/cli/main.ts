// Tack's command line: `npm run tack -- <command> ...`. It works on the configured store (the same
// environment as the server: TACK_DATA_DIR / TACK_SQLITE_PATH, or DATABASE_URL), so it can run
// beside a live server.
import { TackError } from "@tack/shared/errors";
import { importTrelloCommand } from "./import-trello.ts";
import { resetPasswordCommand } from "./reset-password.ts";
import { UsageError } from "./usage-error.ts";

const USAGE = `Usage: npm run tack -- <command>

Commands:
  import trello FILE --as USERNAME [--map trelloUser=tackUser ...]
      Import a Trello board export (board menu → Print, export and share → Export as JSON) as a new
      board owned by USERNAME. --map names the Tack account of a Trello member (by Trello username
      or id); repeat it for each person. Unmapped people are kept as names in the history.
  reset-password USER
      Print a single-use link with which USER sets a new password (TACK_PUBLIC_URL must be the
      address people use). Using it ends every session of the account.`;

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  "import trello": importTrelloCommand,
  "reset-password": resetPasswordCommand,
};

async function main(argv: string[]): Promise<number> {
  // Commands are one word ("reset-password") or two ("import trello").
  const oneWord = argv[0] ?? "";
  const name = COMMANDS[oneWord] ? oneWord : argv.slice(0, 2).join(" ");
  const command = COMMANDS[name];
  if (!command) {
    console.error(
      argv.length === 0 || argv[0] === "--help" ? USAGE : `Unknown command "${name}".\n\n${USAGE}`,
    );
    return argv[0] === "--help" ? 0 : 2;
  }
  try {
    await command(argv.slice(name.split(" ").length));
    return 0;
  } catch (error) {
    if (error instanceof TackError || error instanceof UsageError) {
      console.error(`tack: ${error.message}`);
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
