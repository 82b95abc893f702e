// Who is signed in. `expired` is set when the server answers 401 to a request made with a session
// that used to work: the app then says so and offers to log in again, keeping the current URL.
import { signal } from "@preact/signals";
import type { Member } from "@tack/shared/models";
import { fetchSession, type SessionInfo } from "../api/auth.ts";
import { ApiError, onSessionExpired, setCsrfToken } from "../api/http.ts";
import { forgetLocalBoards } from "./local-boards.ts";
import { drainOutbox, forgetOutbox } from "./outbox.ts";

/** Whose boards the local copies are: another person signing in here must not see them. */
const COPIES_OWNER = "tack:local-boards-owner";
/** Who was signed in last: a reload while offline opens the app as them (the server is asked later). */
const LAST_MEMBER = "tack:signed-in-member";

export type SessionStatus = "unknown" | "signed-in" | "signed-out";

export const me = signal<Member | null>(null);
export const sessionStatus = signal<SessionStatus>("unknown");
export const sessionExpired = signal(false);

export function signedIn(info: SessionInfo): void {
  setCsrfToken(info.csrfToken);
  try {
    if (localStorage.getItem(COPIES_OWNER) !== info.member.id) {
      void forgetLocalBoards();
      void forgetOutbox();
      localStorage.setItem(COPIES_OWNER, info.member.id);
    }
    localStorage.setItem(LAST_MEMBER, JSON.stringify(info.member));
  } catch {
    // No storage, no copies.
  }
  me.value = info.member;
  sessionStatus.value = "signed-in";
  sessionExpired.value = false;
  // Edits queued while the session was unknown or expired go now.
  drainOutbox();
}

export function signedOut(): void {
  setCsrfToken(null);
  void forgetLocalBoards();
  void forgetOutbox();
  try {
    localStorage.removeItem(LAST_MEMBER);
  } catch {
    // Nothing remembered.
  }
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
    else if (error instanceof ApiError && error.status === 0 && signedInOffline()) return;
    else sessionStatus.value = "signed-out";
  }
}

/**
 * No network to ask: open the app as the person signed in last, so their boards' local copies and
 * queued edits show. Writes wait in the outbox, which asks for the session (and its CSRF token)
 * before sending; a session that ended meanwhile is reported then, as any expired session is.
 */
function signedInOffline(): boolean {
  try {
    const remembered = localStorage.getItem(LAST_MEMBER);
    if (!remembered) return false;
    me.value = JSON.parse(remembered) as Member;
    sessionStatus.value = "signed-in";
    return true;
  } catch {
    return false;
  }
}
