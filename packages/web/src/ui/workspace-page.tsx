// A workspace's page (/w/<name>): the boards its members can open, and its members with their
// roles. Admins add people by username, invite them by e-mail address (a pending invitation whose
// link is mailed, listed here until used or revoked), change roles and remove people; anyone can
// leave.
import { slugify } from "@tack/shared/ids";
import type { Member, Organization } from "@tack/shared/models";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/http.ts";
import * as sharing from "../api/sharing.ts";
import type { BoardSummary } from "../api/trello.ts";
import { closeBoard } from "../model/open-board.ts";
import { me } from "../model/session.ts";
import { toast } from "../model/toasts.ts";
import { navigate } from "../router.ts";
import { Avatar } from "./avatar.tsx";
import { backgroundCss } from "./colors.ts";

interface Loaded {
  org: Organization;
  boards: BoardSummary[];
  members: Member[];
  roles: Map<string, "admin" | "normal">;
  /** Pending e-mail invitations; only admins see them (empty for others). */
  invitations: sharing.Invitation[];
}

const isEmail = (text: string) => /^[^@\s]+@[^@\s]+$/.test(text);

const failure = (error: unknown) => (error instanceof ApiError ? error.message : "something went wrong");

export function WorkspacePage({ idOrName }: { idOrName: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [missing, setMissing] = useState(false);
  /** The link of the invitation just made, shown once (the server keeps only its hash). */
  const [fresh, setFresh] = useState<{ url: string; email: string } | null>(null);

  async function refresh() {
    try {
      const org = await sharing.organization(idOrName);
      const [boards, members, memberships] = await Promise.all([
        sharing.organizationBoards(org.id),
        sharing.organizationMembers(org.id),
        sharing.organizationMemberships(org.id),
      ]);
      document.title = `${org.displayName || org.name} | Tack`;
      const roles = new Map(memberships.map((m) => [m.idMember, m.memberType]));
      const invitations =
        roles.get(me.value?.id ?? "") === "admin" ? await sharing.organizationInvitations(org.id) : [];
      setLoaded({ org, boards, members, roles, invitations });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setMissing(true);
      else toast(`Could not load the workspace: ${failure(error)}.`, "error");
    }
  }

  useEffect(() => {
    closeBoard();
    void refresh();
  }, [idOrName]);

  if (missing)
    return (
      <main class="page-message">
        <h1>Workspace not found</h1>
        <p>It does not exist, or you are not one of its members.</p>
        <a href="/">Go to your boards</a>
      </main>
    );
  if (!loaded) return <main class="boards-page" aria-busy="true" />;
  const { org, boards, members, roles, invitations } = loaded;
  const amAdmin = roles.get(me.value?.id ?? "") === "admin";

  async function change(what: string, send: () => Promise<unknown>) {
    try {
      await send();
      await refresh();
      return true;
    } catch (error) {
      toast(`Could not ${what}: ${failure(error)}.`, "error");
      return false;
    }
  }

  async function add(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const who = String(data.get("username") ?? "").trim();
    const role = String(data.get("role") ?? "normal") as "admin" | "normal";
    if (!who) return;
    if (isEmail(who)) {
      const sent = await change(`invite ${who}`, async () => {
        const created = await sharing.inviteToOrganizationByEmail(org.id, who, role);
        setFresh({ url: created.url, email: who });
      });
      if (sent) {
        form.reset();
        toast(`Invitation for ${who} created: it is e-mailed when e-mail is set up, or send them the link.`);
      }
      return;
    }
    const username = who.replace(/^@/, "");
    if (await change(`add ${username}`, () => sharing.addOrganizationMember(org.id, username, role)))
      form.reset();
  }

  async function revoke(invitation: sharing.Invitation) {
    if (
      await change("revoke the invitation", () => sharing.revokeOrganizationInvitation(org.id, invitation.id))
    )
      toast(`The invitation for ${invitation.email} was revoked.`);
  }

  async function remove(member: Member) {
    const leaving = member.id === me.value?.id;
    if (!confirm(leaving ? "Leave this workspace?" : `Remove ${member.fullName} from the workspace?`)) return;
    if (
      await change(leaving ? "leave" : "remove the member", () =>
        sharing.removeOrganizationMember(org.id, member.id),
      )
    )
      if (leaving) navigate("/");
  }

  return (
    <main class="boards-page workspace-page">
      <h1>{org.displayName || org.name}</h1>
      {org.desc && <p class="section-note">{org.desc}</p>}
      <section aria-labelledby="workspace-boards">
        <h2 id="workspace-boards">Boards</h2>
        {boards.length === 0 && <p class="section-note">No boards you can open yet.</p>}
        <ul class="board-grid">
          {boards.map((b) => (
            <li
              key={b.id}
              class="board-tile"
              style={{ background: backgroundCss(b.prefs?.background, b.prefs) }}
            >
              <a class="board-tile-link" href={`/b/${b.shortLink || b.id}/${slugify(b.name)}`}>
                <span class="board-tile-name">{b.name}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="workspace-members">
        <h2 id="workspace-members">Members</h2>
        <ul class="member-rows">
          {members.map((m) => (
            <li key={m.id} class="member-row">
              <Avatar member={m} />
              <span class="member-row-name">
                {m.fullName} @{m.username}
              </span>
              <select
                aria-label={`Role of ${m.fullName}`}
                value={roles.get(m.id) ?? "normal"}
                disabled={!amAdmin}
                onChange={(e) =>
                  void change("change the role", () =>
                    sharing.setOrganizationRole(
                      org.id,
                      m.id,
                      (e.currentTarget as HTMLSelectElement).value as "admin" | "normal",
                    ),
                  )
                }
              >
                <option value="admin">Admin</option>
                <option value="normal">Member</option>
              </select>
              {(amAdmin || m.id === me.value?.id) && (
                <button type="button" class="button" onClick={() => void remove(m)}>
                  {m.id === me.value?.id ? "Leave" : "Remove"}
                </button>
              )}
            </li>
          ))}
        </ul>
        {amAdmin && (
          <form class="share-invite" onSubmit={(e) => void add(e)}>
            <input
              name="username"
              aria-label="Username or e-mail address to add"
              placeholder="Username or e-mail address"
              maxLength={254}
              required
            />
            <select name="role" aria-label="Role in the workspace">
              <option value="normal">Member</option>
              <option value="admin">Admin</option>
            </select>
            <button type="submit" class="button button-primary">
              Add to workspace
            </button>
          </form>
        )}
        {amAdmin && fresh && (
          <label class="share-link">
            Invitation link for {fresh.email}
            <input
              readOnly
              value={fresh.url}
              onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
            />
          </label>
        )}
      </section>
      {amAdmin && (
        <section aria-labelledby="workspace-invitations">
          <h2 id="workspace-invitations">Pending invitations</h2>
          {invitations.length === 0 ? (
            <p class="section-note">None.</p>
          ) : (
            <ul class="share-pending">
              {invitations.map((p) => (
                <li key={p.id}>
                  <span>
                    {p.email} · {p.memberType === "admin" ? "Admin" : "Member"}
                  </span>
                  <button
                    type="button"
                    class="button"
                    aria-label={`Revoke invitation for ${p.email}`}
                    onClick={() => void revoke(p)}
                  >
                    Revoke
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </main>
  );
}
