// Who is signed in. `expired` is set when the server answers 401 to a request made with a session
// that used to work: the app then says so and offers to log in again, keeping the current URL.
import { signal } from "@preact/signals";
import type { Member } from "@tack/shared/models";
import { fetchSession, type SessionInfo } from "../api/auth.ts";
import { ApiError, onSessionExpired, setCsrfToken } from "../api/http.ts";

export type SessionStatus = "unknown" | "signed-in" | "signed-out";

export const me = signal<Member | null>(null);
export const sessionStatus = signal<SessionStatus>("unknown");
export const sessionExpired = signal(false);

export function signedIn(info: SessionInfo): void {
  setCsrfToken(info.csrfToken);
  me.value = info.member;
  sessionStatus.value = "signed-in";
  sessionExpired.value = false;
}

export function signedOut(): void {
  setCsrfToken(null);
  me.value = null;
  sessionStatus.value = "signed-out";
}

export function markSessionExpired(): void {
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
