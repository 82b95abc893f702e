// The account page's endpoints: sessions, personal tokens, password change and reset.
import { del, get, post } from "./http.ts";

export interface SessionEntry {
  id: string;
  current: boolean;
  /** Null for sessions older than these records. */
  dateCreated: string | null;
  dateLastUsed: string | null;
  address: string;
  userAgent: string;
  dateExpires: string;
}

export interface TokenEntry {
  id: string;
  name: string;
  dateCreated: string;
  dateExpires: string | null;
  dateLastUsed: string | null;
  address: string | null;
  userAgent: string | null;
}

export interface NewToken {
  id: string;
  token: string;
  name: string;
  dateExpires: string | null;
}

export const listSessions = (): Promise<SessionEntry[]> => get<SessionEntry[]>("/auth/sessions");
export const endSession = (id: string): Promise<unknown> => del(`/auth/sessions/${encodeURIComponent(id)}`);
export const logoutEverywhere = (): Promise<unknown> => post("/auth/logout-everywhere", {});

export const changePassword = (
  currentPassword: string,
  newPassword: string,
): Promise<{ endedSessions: number }> => post("/auth/password", { currentPassword, newPassword });

export const resetPassword = (token: string, newPassword: string): Promise<unknown> =>
  post("/auth/reset-password", { token, newPassword }, { expectUnauthenticated: true });

export const listTokens = (): Promise<TokenEntry[]> => get<TokenEntry[]>("/1/members/me/tokens");
export const createToken = (name: string, expiresInDays: number | null): Promise<NewToken> =>
  post<NewToken>("/1/members/me/tokens", { name, ...(expiresInDays !== null && { expiresInDays }) });
export const revokeToken = (id: string): Promise<unknown> =>
  del(`/1/members/me/tokens/${encodeURIComponent(id)}`);
