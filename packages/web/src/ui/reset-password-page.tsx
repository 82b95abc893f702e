// /reset-password#token=…: the page a reset link opens (today printed by an operator's
// `npm run tack -- reset-password USER`, later sent by e-mail). The token stays in the fragment,
// so it never reaches a server log; setting the new password logs out every session.
import { useState } from "preact/hooks";
import { resetPassword } from "../api/account.ts";
import { ApiError } from "../api/http.ts";
import { signedOut } from "../model/session.ts";

export function ResetPasswordPage() {
  const token = new URLSearchParams(location.hash.slice(1)).get("token") ?? "";
  const [error, setError] = useState<string | null>(
    token ? null : "This link has no reset token: ask an operator for a new one",
  );
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const next = String(form.get("newPassword") ?? "");
    if (next !== String(form.get("repeatPassword") ?? ""))
      return setError("The passwords differ: type the same one twice");
    setBusy(true);
    setError(null);
    try {
      await resetPassword(token, next);
      history.replaceState(null, "", location.pathname);
      signedOut();
      setDone(true);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Something went wrong. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="auth-page">
      <div class="auth-logo" aria-hidden="true">
        Tack
      </div>
      <form class="auth-form" onSubmit={submit} aria-labelledby="reset-title">
        <h1 id="reset-title">Choose a new password</h1>
        {done ? (
          <p role="status">
            Your password is set and every session was logged out. <a href="/login">Log in</a>
          </p>
        ) : (
          <>
            <label>
              New password
              <input
                name="newPassword"
                type="password"
                autoComplete="new-password"
                required
                minLength={8}
                autoFocus
              />
            </label>
            <label>
              New password again
              <input
                name="repeatPassword"
                type="password"
                autoComplete="new-password"
                required
                minLength={8}
              />
            </label>
            {error && (
              <p class="form-error" role="alert">
                {error}
              </p>
            )}
            <button class="button button-primary button-wide" type="submit" disabled={busy || !token}>
              Set password
            </button>
          </>
        )}
      </form>
    </main>
  );
}
