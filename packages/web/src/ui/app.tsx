// The shell of the app: routing to screens by the session's state, and the global overlays (toasts, the
// expired-session notice).
import { useEffect } from "preact/hooks";
import { sessionStatus } from "../model/session.ts";
import { navigate, onLinkClick, route } from "../router.ts";
import { AuthPage } from "./auth-page.tsx";
import { BoardPage } from "./board-page.tsx";
import { BoardsPage } from "./boards-page.tsx";
import { lazyComponent } from "./lazy.tsx";
import { SessionExpired } from "./session-expired.tsx";
import { Toasts } from "./toasts.tsx";
import { TopBar } from "./top-bar.tsx";

// Screens a visit rarely starts on load their code when routed to; boards and home stay eager.
const pageLoading = <main class="page-message" aria-busy="true" />;
const AccountPage = lazyComponent(() => import("./account-page.tsx").then((m) => m.AccountPage), {
  loading: pageLoading,
  what: "the account page",
});
const ResetPasswordPage = lazyComponent(
  () => import("./reset-password-page.tsx").then((m) => m.ResetPasswordPage),
  { loading: pageLoading, what: "the password reset page" },
);
const InvitePage = lazyComponent(() => import("./invite-page.tsx").then((m) => m.InvitePage), {
  loading: pageLoading,
  what: "the invitation",
});
const WorkspacePage = lazyComponent(() => import("./workspace-page.tsx").then((m) => m.WorkspacePage), {
  loading: pageLoading,
  what: "the workspace page",
});
const MemberPage = lazyComponent(() => import("./member-page.tsx").then((m) => m.MemberPage), {
  loading: pageLoading,
  what: "the member page",
});

export function App() {
  useEffect(() => {
    // The session probe starts before the first render (main.tsx).
    document.addEventListener("click", onLinkClick);
    return () => document.removeEventListener("click", onLinkClick);
  }, []);

  const status = sessionStatus.value;
  const current = route.value;

  useEffect(() => {
    // An invitation page works signed out too: it signs the person up (or sends them to log in).
    const open =
      current.name === "login" ||
      current.name === "signup" ||
      current.name === "reset-password" ||
      current.name === "invite";
    if (status === "signed-out" && !open) {
      const next = location.pathname === "/" ? "" : `?next=${encodeURIComponent(location.pathname)}`;
      navigate(`/login${next}`, { replace: true });
    }
    if (status === "signed-in" && (current.name === "login" || current.name === "signup")) {
      const next = new URLSearchParams(location.search).get("next");
      navigate(next?.startsWith("/") ? next : "/", { replace: true });
    }
  }, [status, current.name]);

  if (status === "unknown") return <div class="splash" aria-busy="true" />;

  let screen = null;
  switch (current.name) {
    case "login":
    case "signup":
      screen = status === "signed-out" ? <AuthPage mode={current.name} /> : null;
      break;
    case "account":
      screen = status === "signed-in" ? <AccountPage /> : null;
      break;
    case "reset-password":
      screen = <ResetPasswordPage />;
      break;
    case "home":
      screen = status === "signed-in" ? <BoardsPage /> : null;
      break;
    case "board":
      screen = status === "signed-in" ? <BoardPage boardKey={current.id} cardKey={null} /> : null;
      break;
    case "card":
      screen = status === "signed-in" ? <BoardPage boardKey={null} cardKey={current.id} /> : null;
      break;
    case "workspace":
      screen = status === "signed-in" ? <WorkspacePage idOrName={current.id} /> : null;
      break;
    case "member":
      screen = status === "signed-in" ? <MemberPage username={current.username} /> : null;
      break;
    case "invite":
      screen = <InvitePage token={current.token} />;
      break;
    case "not-found":
      screen = (
        <main class="page-message">
          <h1>Page not found</h1>
          <a href="/">Go to your boards</a>
        </main>
      );
      break;
    default: {
      const never: never = current;
      void never;
    }
  }

  return (
    <>
      {status === "signed-in" && current.name !== "reset-password" && <TopBar />}
      {screen}
      <SessionExpired />
      <Toasts />
    </>
  );
}
