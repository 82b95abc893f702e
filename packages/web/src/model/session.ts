// Who is signed in. `expired` is set when the server answers 401 to a request made with a session
// that used to work: the app then says so and offers to log in again, keeping the current URL.
import { signal } from "@preact/signals";
import type { Member } from "@tack/shared/models";
import { fetchSession, type SessionInfo } from "../api/auth.ts";
import { ApiError, onSessionExpired, setCsrfToken } from "../api/http.ts";
import { forgetLocalBoards } from "./local-boards.ts";

/** Whose boards the local copies are: another person signing in here must not see them. */
const COPIES_OWNER = "tack:local-boards-owner";

export type SessionStatus = "unknown" | "signed-in" | "signed-out";

export const me = signal<Member | null>(null);
export const sessionStatus = signal<SessionStatus>("unknown");
export const sessionExpired = signal(false);

export function signedIn(info: SessionInfo): void {
  setCsrfToken(info.csrfToken);
  try {
    if (localStorage.getItem(COPIES_OWNER) !== info.member.id) {
      void forgetLocalBoards();
      localStorage.setItem(COPIES_OWNER, info.member.id);
    }
  } catch {
    // No storage, no copies.
  }
  me.value = info.member;
  sessionStatus.value = "signed-in";
  sessionExpired.value = false;
}

export function signedOut(): void {
  setCsrfToken(null);
  void forgetLocalBoards();
  me.value = null;
  sessionStatus.value = "signed-out";
}

export function markSessionExpired(): void {
  void forgetLocalBoards();
  if (sessionStatus.value === "signed-in") sessionExpired.value = true;
}

onSessionExpired(markSessionExpired);

export async function probeSession(): Promise<void> {
  try {
    signedIn(await fetchSession());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signedOut();
    else sessionStatus.value = "signed-out";
  }
}
