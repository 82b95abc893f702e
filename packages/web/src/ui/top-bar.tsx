// The bar across the top: home, search (focus with `/`), and the signed-in person (a link to their
// account page) with log out.

import { logout } from "../api/auth.ts";
import { me, signedOut } from "../model/session.ts";
import { navigate } from "../router.ts";
import { Avatar } from "./avatar.tsx";
import { NotificationBell } from "./notification-bell.tsx";
import { SearchBox } from "./search-box.tsx";

export function TopBar() {
  return (
    <header class="top-bar">
      <a class="top-logo" href="/">
        Tack
      </a>
      <a class="top-link" href="/">
        Boards
      </a>
      <SearchBox />
      <div class="top-spacer" />
      <NotificationBell />
      <a
        class="top-member"
        href="/account"
        aria-label={`Your account: ${me.value?.fullName ?? ""}`}
        title="Your account: password, sessions and tokens"
      >
        <Avatar member={me.value ?? undefined} />
        <span class="top-member-name">{me.value?.fullName}</span>
      </a>
      <button
        type="button"
        class="top-link"
        onClick={async () => {
          await logout().catch(() => undefined);
          signedOut();
          navigate("/login");
        }}
      >
        Log out
      </button>
    </header>
  );
}
