// Accounts: the people who can log in (members with a password) and how they are looked up.
// Placeholders (imported people with no login) share the members table but are never accounts:
// every lookup here skips them (placeholder-store.ts has theirs).
import type { Member } from "@tack/shared/models";

export interface MemberRecord {
  member: Member;
  email: string;
  passwordHash: string;
}

export interface AccountStore {
  /** A taken username or e-mail (in any case) is a `conflict` and writes nothing. */
  insertMember(record: MemberRecord): Promise<void>;
  updateMember(member: Member): Promise<void>;
  memberById(id: string): Promise<Member | null>;
  membersByIds(ids: readonly string[]): Promise<Member[]>;
  /** An account by username; placeholders (imported people, who cannot log in) are not accounts. */
  memberByUsername(username: string): Promise<Member | null>;
  /** Login lookup by username or e-mail, case-insensitively; never finds a placeholder. */
  credentialsOf(usernameOrEmail: string): Promise<{ member: Member; passwordHash: string } | null>;
  passwordHashOf(memberId: string): Promise<string | null>;
  /** An account's e-mail address (shown only to the person themself), or null (none, or a placeholder). */
  emailOf(memberId: string): Promise<string | null>;
  setPasswordHash(memberId: string, passwordHash: string): Promise<void>;
}
