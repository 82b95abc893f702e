// The one contract every Store adapter keeps, run by store-sqlite.test.ts and store-postgres.test.ts.
// One file of cases per concern of the store (src/store/store.ts), each case a name and a function
// of a store. The cases share one store per adapter and
// make their own members and boards with fresh ids, so they never see each other's data.
import { after, before, describe, it } from "node:test";
import type { Store } from "../src/store/store.ts";
import { accountCases } from "./store-contract-accounts.ts";
import { actionCases } from "./store-contract-actions.ts";
import { batchCases } from "./store-contract-batches.ts";
import { boardReadCases } from "./store-contract-board-reads.ts";
import { boardWriteCases } from "./store-contract-board-writes.ts";
import { invitationCases } from "./store-contract-invitations.ts";
import { organizationCases } from "./store-contract-organizations.ts";
import { outboxCases } from "./store-contract-outbox.ts";
import { placeholderCases } from "./store-contract-placeholders.ts";
import { searchCases } from "./store-contract-search.ts";
import { sessionCases } from "./store-contract-sessions.ts";
import { webhookCases } from "./store-contract-webhooks.ts";

export type ContractCase = readonly [name: string, run: (store: Store) => Promise<void>];

/** Opening, health and closing (StoreLifecycle); closing is every run's `after`. */
const lifecycleCases: ContractCase[] = [
  [
    "ping answers",
    async (store) => {
      await store.ping();
    },
  ],
];

export const contractCases: readonly ContractCase[] = [
  ...lifecycleCases,
  ...accountCases,
  ...sessionCases,
  ...organizationCases,
  ...invitationCases,
  ...boardWriteCases,
  ...batchCases,
  ...boardReadCases,
  ...actionCases,
  ...searchCases,
  ...placeholderCases,
  ...outboxCases,
  ...webhookCases,
];

export interface StoreUnderTest {
  /** Opens a store on an empty database. */
  open(): Promise<Store>;
  /** Runs after the store is closed (drop the database, delete the file). */
  cleanup(): Promise<void>;
}

export function storeContract(name: string, subject: StoreUnderTest): void {
  describe(`${name} store contract`, () => {
    let store: Store | undefined;
    before(async () => {
      store = await subject.open();
    });
    after(async () => {
      await store?.close();
      await subject.cleanup();
    });
    for (const [caseName, run] of contractCases) it(caseName, () => run(store!));
  });
}
