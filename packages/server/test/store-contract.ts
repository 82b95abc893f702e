// The one contract every Store adapter keeps, run by store-sqlite.test.ts and store-postgres.test.ts.
// A table of cases, each a name and a function of a store. The cases share one store per adapter and
// make their own members and boards with fresh ids, so they never see each other's data.
import { after, before, describe, it } from "node:test";
import type { Store } from "../src/store/store.ts";
import { accountCases } from "./store-contract-accounts.ts";
import { batchCases } from "./store-contract-batches.ts";
import { placeholderCases } from "./store-contract-placeholders.ts";
import { readCases } from "./store-contract-reads.ts";
import { sharingCases } from "./store-contract-sharing.ts";
import { writeCases } from "./store-contract-writes.ts";

export type ContractCase = readonly [name: string, run: (store: Store) => Promise<void>];

export const contractCases: readonly ContractCase[] = [
  ...accountCases,
  ...writeCases,
  ...batchCases,
  ...readCases,
  ...placeholderCases,
  ...sharingCases,
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
