// Log in and sign up. Errors from the server name the field at fault; the message is shown next to
// the form and announced to screen readers.
import { useState } from "preact/hooks";
import { fetchSession, login, signup } from "../api/auth.ts";
import { ApiError, post } from "../api/http.ts";
import { signedIn } from "../model/session.ts";

export function AuthPage({ mode }: { mode: "login" | "signup" }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [forgetting, setForgetting] = useState(false);
  const next = new URLSearchParams(location.search).get("next");
  const suffix = next ? `?next=${encodeURIComponent(next)}` : "";

  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? "");
    setBusy(true);
    setError(null);
    try {
      if (mode === "login") await login(value("username"), value("password"));
      else
        await signup({
          username: value("username"),
          email: value("email"),
          password: value("password"),
          fullName: value("fullName"),
        });
      signedIn(await fetchSession());
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Something went wrong. Try again.");
    } finally {
      setBusy(false);
    }
  }

  const title = mode === "login" ? "Log in to Tack" : "Sign up for Tack";
  if (forgetting) return <ForgotPasswordForm onBack={() => setForgetting(false)} />;
  return (
    <main class="auth-page">
      <div class="auth-logo" aria-hidden="true">
        Tack
      </div>
      <form class="auth-form" onSubmit={submit} aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        {mode === "signup" && (
          <label>
            Full name
            <input name="fullName" autoComplete="name" required maxLength={100} />
          </label>
        )}
        <label>
          {mode === "login" ? "Username or email" : "Username"}
          <input name="username" autoComplete="username" required maxLength={100} autoFocus />
        </label>
        {mode === "signup" && (
          <label>
            Email
            <input name="email" type="email" autoComplete="email" required />
          </label>
        )}
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={mode === "login" ? "current-password" : "new-password"}
            required
            minLength={mode === "signup" ? 8 : undefined}
          />
        </label>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button class="button button-primary button-wide" type="submit" disabled={busy}>
          {mode === "login" ? "Log in" : "Sign up"}
        </button>
        {mode === "login" && (
          <p class="auth-switch">
            <button class="button" type="button" onClick={() => setForgetting(true)}>
              Forgot your password?
            </button>
          </p>
        )}
        <p class="auth-switch">
          {mode === "login" ? (
            <a href={`/signup${suffix}`}>Create an account</a>
          ) : (
            <a href={`/login${suffix}`}>Already have an account? Log in</a>
          )}
        </p>
      </form>
    </main>
  );
}

/** The same answer whatever the address (the server's words), so it tells nobody who has an account. */
const SENT = "If an account has this e-mail address, a link to set a new password is on its way.";

function ForgotPasswordForm({ onBack }: { onBack: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget as HTMLFormElement).get("email") ?? "");
    setBusy(true);
    setError(null);
    try {
      const answer = await post<{ message?: string }>(
        "/auth/forgot-password",
        { email },
        { expectUnauthenticated: true },
      );
      setSent(answer.message ?? SENT);
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
      <form class="auth-form" onSubmit={submit} aria-labelledby="forgot-title">
        <h1 id="forgot-title">Forgot your password?</h1>
        {sent ? (
          <p role="status">{sent}</p>
        ) : (
          <>
            <label>
              Email
              <input name="email" type="email" autoComplete="email" required maxLength={320} autoFocus />
            </label>
            {error && (
              <p class="form-error" role="alert">
                {error}
              </p>
            )}
            <button class="button button-primary button-wide" type="submit" disabled={busy}>
              Send me a link
            </button>
          </>
        )}
        <p class="auth-switch">
          <button class="button" type="button" onClick={onBack}>
            Back to log in
          </button>
        </p>
      </form>
    </main>
  );
}
