// What proves who is calling: cookie sessions, API tokens, the browsers an account logged in from,
// and single-use password resets. Only hashes of the secrets are stored, so a leaked database does
// not leak live credentials.

/** Where and when a session or token was last used (shown to its owner on the account page). */
export interface CredentialUse {
  at: number;
  address: string;
  userAgent: string;
}

export interface SessionRecord {
  /** SHA-256 of the cookie value: a leaked database does not leak live sessions. */
  idHash: string;
  memberId: string;
  csrfToken: string;
  expiresAt: number;
  createdAt: number;
  lastUsed: CredentialUse;
}

export interface TokenRecord {
  id: string;
  /** SHA-256 of the token. */
  tokenHash: string;
  memberId: string;
  name: string;
  createdAt: string;
  /** Milliseconds since the epoch; null = never expires. */
  expiresAt: number | null;
  /** Null until the token is first used. */
  lastUsed: CredentialUse | null;
}

export interface PasswordResetRecord {
  /** SHA-256 of the reset token. */
  idHash: string;
  memberId: string;
  expiresAt: number;
}

export interface SessionStore {
  insertSession(session: SessionRecord): Promise<void>;
  sessionByHash(idHash: string): Promise<SessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;
  sessionsOf(memberId: string): Promise<SessionRecord[]>;
  /** Ends every session of the member except `keepIdHash`; returns the hashes it ended. */
  deleteSessionsOf(memberId: string, keepIdHash: string | null): Promise<string[]>;
  touchSession(idHash: string, use: CredentialUse): Promise<void>;
  insertToken(token: TokenRecord): Promise<void>;
  tokenByHash(tokenHash: string): Promise<TokenRecord | null>;
  tokensOf(memberId: string): Promise<TokenRecord[]>;
  deleteToken(memberId: string, tokenId: string): Promise<boolean>;
  touchToken(tokenId: string, use: CredentialUse): Promise<void>;
  /** A browser that logged in to this account (its device cookie, hashed). */
  insertLoginDevice(idHash: string, memberId: string, createdAt: number): Promise<void>;
  loginDeviceOwner(idHash: string): Promise<string | null>;
  /** Stores a reset token; any earlier unused reset of the member stops working. */
  insertPasswordReset(reset: PasswordResetRecord): Promise<void>;
  /** Consumes a reset token: returns it and deletes it, so it works once. */
  takePasswordReset(idHash: string): Promise<PasswordResetRecord | null>;
}
