// Shown when the server stops accepting the session (it expired, or the person logged out in
// another tab): edits would fail, so say so plainly and offer to log in again, back to this page.
import { sessionExpired } from "../model/session.ts";

export function SessionExpired() {
  if (!sessionExpired.value) return null;
  const next = encodeURIComponent(location.pathname);
  return (
    <div class="session-expired" role="alertdialog" aria-labelledby="session-expired-title">
      <div class="session-expired-box">
        <h2 id="session-expired-title">Your session has expired</h2>
        <p>
          You were signed out, so changes can no longer be saved. Log in again to continue where you were.
        </p>
        <a
          class="button button-primary"
          href={`/login?next=${next}`}
          onClick={(event) => {
            event.preventDefault();
            location.assign(`/login?next=${next}`);
          }}
        >
          Log in again
        </a>
      </div>
    </div>
  );
}
