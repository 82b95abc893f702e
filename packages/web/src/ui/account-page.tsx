// /account: who you are, change your password, your browser sessions and personal API tokens with
// where and when each was last used, and ways to end them (one, or all with "log out everywhere").

import type { Member } from "@tack/shared/models";
import { useEffect, useState } from "preact/hooks";
import {
  changePassword,
  createToken,
  endSession,
  listSessions,
  listTokens,
  logoutEverywhere,
  type NewToken,
  revokeToken,
  type SessionEntry,
  type TokenEntry,
} from "../api/account.ts";
import { ApiError } from "../api/http.ts";
import { removeAvatar, uploadAvatar } from "../api/member-pictures.ts";
import { me, signedOut } from "../model/session.ts";
import { navigate } from "../router.ts";
import { Avatar } from "./avatar.tsx";

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : "Something went wrong. Try again.";
}

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "never";
}

/** "Firefox on Linux" from a user agent, or the raw string when it is not a browser we know. */
function browserOf(userAgent: string | null): string {
  if (!userAgent) return "Unknown client";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Mac OS X/.test(userAgent)
        ? "macOS"
        : /Windows/.test(userAgent)
          ? "Windows"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  if (!browser) return userAgent.slice(0, 60);
  return system ? `${browser} on ${system}` : browser;
}

export function AccountPage() {
  const [sessions, setSessions] = useState<SessionEntry[] | null>(null);
  const [tokens, setTokens] = useState<TokenEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function reload() {
    try {
      const [s, t] = await Promise.all([listSessions(), listTokens()]);
      setSessions(s);
      setTokens(t);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }
  useEffect(() => {
    void reload();
  }, []);

  const member = me.value;
  return (
    <main class="account-page">
      <header class="account-header">
        <Avatar member={member ?? undefined} size="md" />
        <div>
          <h1>{member?.fullName}</h1>
          <p class="muted">@{member?.username}</p>
        </div>
      </header>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <AvatarSection onError={setError} />
      <PasswordSection onChanged={reload} />
      <SessionsSection sessions={sessions} onChange={reload} onError={setError} />
      <TokensSection tokens={tokens} onChange={reload} onError={setError} />
    </main>
  );
}

/** Upload or remove your picture; the top bar and every board show it from the next read. */
function AvatarSection({ onError }: { onError: (message: string | null) => void }) {
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<Member>) {
    setBusy(true);
    onError(null);
    try {
      me.value = await action();
    } catch (caught) {
      onError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="account-section" aria-label="Avatar">
      <h2>Avatar</h2>
      <p class="muted">A PNG, JPEG, GIF or WebP picture of up to 2 MB.</p>
      <div class="avatar-upload">
        <label class="button">
          {busy ? "Uploading…" : "Upload a picture"}
          <input
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            hidden
            disabled={busy}
            aria-label="Upload avatar"
            onChange={(event) => {
              const file = (event.currentTarget as HTMLInputElement).files?.[0];
              if (file) void run(() => uploadAvatar(file));
            }}
          />
        </label>
        {me.value?.avatarUrl && (
          <button type="button" class="button" disabled={busy} onClick={() => void run(removeAvatar)}>
            Remove avatar
          </button>
        )}
      </div>
    </section>
  );
}

function PasswordSection({ onChanged }: { onChanged: () => Promise<void> }) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const next = String(form.get("newPassword") ?? "");
    if (next !== String(form.get("repeatPassword") ?? ""))
      return setStatus({ ok: false, text: "The new passwords differ: type the same one twice" });
    setBusy(true);
    try {
      const { endedSessions } = await changePassword(String(form.get("currentPassword") ?? ""), next);
      formElement.reset();
      setStatus({
        ok: true,
        text: `Password changed. ${endedSessions === 1 ? "1 other session was" : `${endedSessions} other sessions were`} logged out.`,
      });
      await onChanged();
    } catch (caught) {
      setStatus({ ok: false, text: messageOf(caught) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="account-section" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <p class="muted">Changing your password logs out every other session.</p>
      <form class="account-form" onSubmit={submit}>
        <label>
          Current password
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <label>
          New password
          <input name="newPassword" type="password" autoComplete="new-password" required minLength={8} />
        </label>
        <label>
          New password again
          <input name="repeatPassword" type="password" autoComplete="new-password" required minLength={8} />
        </label>
        {status && (
          <p class={status.ok ? "form-ok" : "form-error"} role={status.ok ? "status" : "alert"}>
            {status.text}
          </p>
        )}
        <button class="button button-primary" type="submit" disabled={busy}>
          Change password
        </button>
      </form>
    </section>
  );
}

function SessionsSection(props: {
  sessions: SessionEntry[] | null;
  onChange: () => Promise<void>;
  onError: (message: string) => void;
}) {
  async function end(session: SessionEntry) {
    try {
      await endSession(session.id);
      await props.onChange();
    } catch (caught) {
      props.onError(messageOf(caught));
    }
  }

  async function everywhere() {
    if (!confirm("Log out of Tack in every browser, this one included?")) return;
    try {
      await logoutEverywhere();
    } catch (caught) {
      return props.onError(messageOf(caught));
    }
    signedOut();
    navigate("/login");
  }

  return (
    <section class="account-section" aria-labelledby="sessions-title">
      <div class="account-section-head">
        <h2 id="sessions-title">Sessions</h2>
        <button class="button account-danger" type="button" onClick={everywhere}>
          Log out everywhere
        </button>
      </div>
      {props.sessions === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <ul class="account-list">
          {[...props.sessions]
            .sort((x, y) => Number(y.current) - Number(x.current))
            .map((s) => (
              <li key={s.id}>
                <div class="account-item">
                  <strong>{browserOf(s.userAgent)}</strong>
                  {s.current && <span class="account-badge">This browser</span>}
                  <span class="muted">
                    {s.address || "unknown address"} · last used {when(s.dateLastUsed)} · signed in{" "}
                    {when(s.dateCreated)}
                  </span>
                </div>
                {!s.current && (
                  <button
                    class="button"
                    type="button"
                    onClick={() => end(s)}
                    aria-label={`Log out ${browserOf(s.userAgent)}`}
                  >
                    Log out
                  </button>
                )}
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}

function TokensSection(props: {
  tokens: TokenEntry[] | null;
  onChange: () => Promise<void>;
  onError: (message: string) => void;
}) {
  const [created, setCreated] = useState<NewToken | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function create(event: Event) {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const days = String(form.get("expires") ?? "");
    setFormError(null);
    try {
      setCreated(await createToken(String(form.get("name") ?? ""), days === "" ? null : Number(days)));
      // Clear the name only: the chosen expiry is likely the next token's too.
      const name = formElement.elements.namedItem("name");
      if (name instanceof HTMLInputElement) name.value = "";
      await props.onChange();
    } catch (caught) {
      setFormError(messageOf(caught));
    }
  }

  async function revoke(token: TokenEntry) {
    if (!confirm(`Revoke the token "${token.name}"? Scripts using it stop working at once.`)) return;
    try {
      await revokeToken(token.id);
      if (created?.id === token.id) setCreated(null);
      await props.onChange();
    } catch (caught) {
      props.onError(messageOf(caught));
    }
  }

  return (
    <section class="account-section" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Personal API tokens</h2>
      <p class="muted">A token acts as you in the Trello-compatible API. Give each script its own.</p>
      <form class="account-token-form" onSubmit={create}>
        <label>
          Name
          <input name="name" required maxLength={100} placeholder="e.g. backup script" />
        </label>
        <label>
          Expires
          <select name="expires">
            <option value="7">in 7 days</option>
            <option value="30">in 30 days</option>
            <option value="90" selected>
              in 90 days
            </option>
            <option value="365">in a year</option>
            <option value="">never</option>
          </select>
        </label>
        <button class="button button-primary" type="submit">
          Create token
        </button>
      </form>
      {formError && (
        <p class="form-error" role="alert">
          {formError}
        </p>
      )}
      {created && (
        <div class="account-new-token" role="status">
          <p>Copy the token "{created.name}" now: it is not shown again.</p>
          <code>{created.token}</code>
        </div>
      )}
      {props.tokens === null ? (
        <p class="muted">Loading…</p>
      ) : props.tokens.length === 0 ? (
        <p class="muted">No tokens.</p>
      ) : (
        <ul class="account-list">
          {props.tokens.map((t) => (
            <li key={t.id}>
              <div class="account-item">
                <strong>{t.name}</strong>
                <span class="muted">
                  {t.dateLastUsed
                    ? `last used ${when(t.dateLastUsed)} from ${t.address} (${browserOf(t.userAgent)})`
                    : "never used"}{" "}
                  · {t.dateExpires ? `expires ${when(t.dateExpires)}` : "never expires"}
                </span>
              </div>
              <button class="button" type="button" onClick={() => revoke(t)} aria-label={`Revoke ${t.name}`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
