// The session endpoints (outside the Trello API): sign up, log in, log out, and the session probe
// that tells the app who is signed in and which CSRF token to send with writes.
import type { Member } from "@tack/shared/models";
import { get, post } from "./http.ts";

export interface SessionInfo {
  member: Member;
  csrfToken: string;
}

export const fetchSession = (): Promise<SessionInfo> =>
  get<SessionInfo>("/auth/session", { expectUnauthenticated: true });

export const login = (username: string, password: string): Promise<SessionInfo> =>
  post<SessionInfo>("/auth/login", { username, password }, { expectUnauthenticated: true });

export const signup = (input: {
  username: string;
  email: string;
  password: string;
  fullName: string;
}): Promise<SessionInfo> => post<SessionInfo>("/auth/signup", input, { expectUnauthenticated: true });

export const logout = (): Promise<unknown> => post("/auth/logout", {}, { expectUnauthenticated: true });
