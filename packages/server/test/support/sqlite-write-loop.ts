// Child process for the crash test: commits board transactions forever on the SQLite file given as
// argument, printing `board <id>` once and then `seq <n>` after each commit returns. The parent
// kills it with SIGKILL; every seq printed must then be in the file. (Writes to a pipe are
// synchronous on Linux, so a printed line left this process before the next write began.)
import { SqliteStore } from "../../src/store/sqlite.ts";
import { aCard, aDraft, aSeededBoard } from "./store-fixtures.ts";

const path = process.argv[2];
if (!path) throw new Error("usage: sqlite-write-loop.ts <database file>");
const store = new SqliteStore(path);
const { board, admin, list } = await aSeededBoard(store);
process.stdout.write(`board ${board.id}\n`);
for (;;) {
  const card = aCard(board.id, list.id);
  const { changes } = await store.transact(board.id, async (tx) => {
    await tx.put("card", card);
    return tx.record(aDraft(admin.id, { type: "createCard", cardId: card.id, models: { cards: [card] } }));
  });
  process.stdout.write(`seq ${changes[0]!.seq}\n`);
}
