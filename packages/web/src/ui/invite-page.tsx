// Where an invitation or join link lands: says which board or workspace and role it offers; signed
// in, one click joins; signed out, the sign-up form joins the new account and opens the board or
// the workspace page.
import { slugify } from "@tack/shared/ids";
import { useEffect, useState } from "preact/hooks";
import { fetchSession } from "../api/auth.ts";
import { ApiError } from "../api/http.ts";
import * as sharing from "../api/sharing.ts";
import { sessionStatus, signedIn } from "../model/session.ts";
import { toast } from "../model/toasts.ts";
import { navigate } from "../router.ts";

const ROLE_TEXT = { admin: "an admin", normal: "a member", observer: "an observer" } as const;

const boardPath = (board: { id: string; name: string; shortLink: string }) =>
  `/b/${board.shortLink || board.id}/${slugify(board.name)}`;

/** Where someone lands once they joined. */
const landing = (joined: sharing.Joined) =>
  "organization" in joined ? `/w/${joined.organization.name}` : boardPath(joined);

export function InvitePage({ token }: { token: string }) {
  const [preview, setPreview] = useState<sharing.InvitationPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signedInNow = sessionStatus.value === "signed-in";

  useEffect(() => {
    document.title = "Invitation | Tack";
    sharing
      .previewInvitation(token)
      .then(setPreview)
      .catch((caught: unknown) =>
        setProblem(caught instanceof ApiError ? caught.message : "Could not open this invitation."),
      );
  }, [token]);

  async function join() {
    setBusy(true);
    try {
      navigate(landing(await sharing.acceptInvitation(token)), { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Could not join. Try again.");
      setBusy(false);
    }
  }

  async function signUp(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? "");
    setBusy(true);
    setError(null);
    try {
      const answer = await sharing.signupThroughInvitation({
        username: value("username"),
        email: value("email"),
        password: value("password"),
        fullName: value("fullName"),
        invitation: token,
      });
      signedIn(await fetchSession());
      const joined = answer.board ?? (answer.organization && { organization: answer.organization });
      if (joined) navigate(landing(joined), { replace: true });
      else {
        toast("Your account is ready, but the invitation was used up meanwhile: ask for a new one.", "error");
        navigate("/", { replace: true });
      }
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Something went wrong. Try again.");
      setBusy(false);
    }
  }

  if (problem)
    return (
      <main class="page-message">
        <h1>This invitation does not work</h1>
        <p>{problem}</p>
        <a href="/">Go to your boards</a>
      </main>
    );
  if (!preview) return <main class="auth-page" aria-busy="true" />;
  const workspace = preview.organization;
  const name = workspace ? workspace.displayName || workspace.name : (preview.board?.name ?? "");

  const offer = (
    <p class="invite-offer">
      {preview.inviter
        ? `${preview.inviter.fullName || preview.inviter.username} invites you`
        : "You are invited"}{" "}
      to join {workspace ? "the workspace " : ""}
      <strong>{name}</strong> as {ROLE_TEXT[preview.memberType]}.
    </p>
  );

  return (
    <main class="auth-page">
      <div class="auth-logo" aria-hidden="true">
        Tack
      </div>
      {signedInNow ? (
        <div class="auth-form">
          <h1 id="invite-title">Join {name}</h1>
          {offer}
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button class="button button-primary button-wide" type="button" disabled={busy} onClick={join}>
            {workspace ? "Join workspace" : "Join board"}
          </button>
        </div>
      ) : (
        <form class="auth-form" onSubmit={signUp} aria-labelledby="invite-title">
          <h1 id="invite-title">Sign up to join {name}</h1>
          {offer}
          <label>
            Full name
            <input
              name="fullName"
              autoComplete="name"
              required
              maxLength={100}
              defaultValue={preview.fullName}
            />
          </label>
          <label>
            Username
            <input name="username" autoComplete="username" required maxLength={100} autoFocus />
          </label>
          <label>
            Email
            <input
              name="email"
              type="email"
              autoComplete="email"
              required
              defaultValue={preview.email ?? ""}
            />
          </label>
          <label>
            Password
            <input name="password" type="password" autoComplete="new-password" required minLength={8} />
          </label>
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button class="button button-primary button-wide" type="submit" disabled={busy}>
            Sign up and join
          </button>
          <p class="auth-switch">
            <a href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>
              Already have an account? Log in to join
            </a>
          </p>
        </form>
      )}
    </main>
  );
}
