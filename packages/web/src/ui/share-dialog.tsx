// Share a board: invite by username (joins at once) or e-mail address (an invitation link, shown
// here to copy: e-mail delivery may not be set up), make join links with a role and turn them off,
// and see and revoke pending invitations. The server decides who may do what; this only hides what
// would be refused.
import type { BoardRole } from "@tack/shared/models";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/http.ts";
import * as sharing from "../api/sharing.ts";
import * as api from "../api/trello.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { plainWrite } from "../model/board-edits.ts";
import { me } from "../model/session.ts";
import { toast } from "../model/toasts.ts";
import { Dialog } from "./dialog.tsx";

const ROLES: ReadonlyArray<[BoardRole, string]> = [
  ["normal", "Member"],
  ["observer", "Observer"],
  ["admin", "Admin"],
];

function RoleSelect(props: { name: string; label: string; allowAdmin: boolean }) {
  return (
    <select name={props.name} aria-label={props.label}>
      {ROLES.filter(([role]) => props.allowAdmin || role !== "admin").map(([role, text]) => (
        <option key={role} value={role} selected={role === "normal"}>
          {text}
        </option>
      ))}
    </select>
  );
}

function CopyableLink({ url, label }: { url: string; label: string }) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      toast("Link copied.");
    } catch {
      toast("Could not copy: select the link and copy it yourself.", "error");
    }
  }
  return (
    <div class="share-link">
      <input
        readOnly
        value={url}
        aria-label={label}
        onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
      />
      <button type="button" class="button" onClick={() => void copy()}>
        Copy
      </button>
    </div>
  );
}

const failure = (error: unknown) => (error instanceof ApiError ? error.message : "something went wrong");

export function ShareDialog({ cache, onClose }: { cache: BoardCache; onClose: () => void }) {
  const board = cache.board.value;
  const myRole = cache.memberships.value.find((m) => m.idMember === me.value?.id)?.memberType ?? null;
  const isAdmin = myRole === "admin";
  const mayInvite = isAdmin || (myRole === "normal" && board.prefs.invitations === "members");
  const [pending, setPending] = useState<sharing.Invitation[]>([]);
  const [fresh, setFresh] = useState<{ url: string; label: string } | null>(null);

  async function refresh() {
    if (!mayInvite) return;
    try {
      setPending(await sharing.pendingInvitations(cache.id));
    } catch (error) {
      toast(`Could not load the pending invitations: ${failure(error)}.`, "error");
    }
  }
  useEffect(() => void refresh(), [cache.id, mayInvite]);

  async function invite(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const who = String(data.get("invitee") ?? "").trim();
    const role = String(data.get("role") ?? "normal") as BoardRole;
    if (!who) return;
    if (who.includes("@")) {
      try {
        const created = await sharing.inviteByEmail(cache.id, who, role);
        setFresh({ url: created.url, label: `Invitation link for ${who}` });
        form.reset();
        toast(`Invitation for ${who} created: send them the link.`);
        await refresh();
      } catch (error) {
        toast(`Could not invite ${who}: ${failure(error)}.`, "error");
      }
      return;
    }
    const username = who.replace(/^@/, "");
    if (await plainWrite(`invite ${username}`, () => sharing.inviteByUsername(cache.id, username, role))) {
      form.reset();
      toast(`${username} was added to the board.`);
    }
  }

  async function makeJoinLink(event: Event) {
    event.preventDefault();
    const role = String(new FormData(event.currentTarget as HTMLFormElement).get("role") ?? "normal");
    try {
      const created = await sharing.createJoinLink(cache.id, role as BoardRole);
      setFresh({ url: created.url, label: "Join link" });
      await refresh();
    } catch (error) {
      toast(`Could not make a join link: ${failure(error)}.`, "error");
    }
  }

  async function revoke(invitation: sharing.Invitation) {
    try {
      await sharing.revokeInvitation(cache.id, invitation.id);
      setFresh(null);
      await refresh();
    } catch (error) {
      toast(`Could not revoke: ${failure(error)}.`, "error");
    }
  }

  async function setWhoInvites(value: string) {
    await plainWrite("change who may invite", () =>
      api.updateBoard(cache.id, { "prefs/invitations": value }),
    );
  }

  return (
    <Dialog labelledBy="share-title" onClose={onClose} class="share-dialog">
      <h2 id="share-title">Share board</h2>
      {!mayInvite ? (
        <p>Only the board's admins can invite people to this board.</p>
      ) : (
        <>
          <form class="share-invite" onSubmit={(e) => void invite(e)}>
            <input
              name="invitee"
              aria-label="Username or e-mail address"
              placeholder="Username or e-mail address"
              maxLength={254}
              required
            />
            <RoleSelect name="role" label="Role for the invited person" allowAdmin={isAdmin} />
            <button type="submit" class="button button-primary">
              Invite
            </button>
          </form>
          {fresh && (
            <div class="share-fresh" role="status">
              <p>Copy this link now: it is shown only once.</p>
              <CopyableLink url={fresh.url} label={fresh.label} />
            </div>
          )}
          {isAdmin && (
            <form class="share-join-link" onSubmit={(e) => void makeJoinLink(e)}>
              <h3>Join link</h3>
              <p>Anyone with the link can join until you turn it off.</p>
              <RoleSelect name="role" label="Role for people joining by link" allowAdmin={false} />
              <button type="submit" class="button">
                Create join link
              </button>
            </form>
          )}
          <h3>Pending invitations and join links</h3>
          {pending.length === 0 ? (
            <p class="share-empty">None.</p>
          ) : (
            <ul class="share-pending">
              {pending.map((p) => (
                <li key={p.id}>
                  <span>
                    {p.kind === "link" ? "Join link" : p.email} ·{" "}
                    {ROLES.find(([role]) => role === p.memberType)?.[1] ?? p.memberType}
                  </span>
                  {(isAdmin || p.idMemberInviter === me.value?.id) && (
                    <button
                      type="button"
                      class="button"
                      aria-label={
                        p.kind === "link" ? "Turn off join link" : `Revoke invitation for ${p.email}`
                      }
                      onClick={() => void revoke(p)}
                    >
                      {p.kind === "link" ? "Turn off" : "Revoke"}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {isAdmin && (
            <label class="share-who">
              Who can invite
              <select
                value={board.prefs.invitations}
                onChange={(e) => void setWhoInvites((e.currentTarget as HTMLSelectElement).value)}
              >
                <option value="members">Admins and members</option>
                <option value="admins">Admins only</option>
              </select>
            </label>
          )}
        </>
      )}
      <div class="form-actions">
        <button type="button" class="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
