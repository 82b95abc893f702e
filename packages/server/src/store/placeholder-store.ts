// Placeholders: the people a Trello import brings in who have no account here. They are member
// rows with no password and an e-mail no one can use (placeholder-email.ts), owned by one board,
// and an account can claim them (docs/security.md, "Imports and placeholder members"). They are
// written only inside their board's transaction (PlaceholderTx), so a claim is ordered with the
// board's other changes.
import type { Member } from "@tack/shared/models";

export interface PlaceholderStore {
  /** Placeholders a board admin asked this account to claim and that are still unclaimed. */
  pendingClaimsOf(memberId: string): Promise<Member[]>;
}

/** The placeholder half of a board transaction (board-tx.ts). */
export interface PlaceholderTx {
  /**
   * Creates member records for the people an import brings in who have no account: no password,
   * no e-mail anyone can log in with (docs/security.md, "Imports and placeholder members").
   */
  insertPlaceholders(members: readonly Member[]): Promise<void>;
  /** A placeholder member of this board, or null (also for real accounts and other boards'). */
  placeholder(memberId: string): Promise<Member | null>;
  /** Saves a placeholder of this board (its pending claim, its claimer). */
  putPlaceholder(member: Member): Promise<void>;
}
