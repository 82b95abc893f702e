// Who may do what on a board. One table, used by the server on every read, write and push, and
// by the web client to hide controls a person cannot use (the server decides; the client only hints).
import type { BoardRole, Visibility } from "./models.ts";

/** What is known about one person's relation to one board, enough to decide any permission. */
export interface BoardAccess {
  readonly role: BoardRole | null;
  readonly visibility: Visibility;
  /** Whether the person belongs to the board's workspace (for `org` visibility). */
  readonly inOrganization: boolean;
  readonly commentsPref: "disabled" | "members" | "observers" | "org" | "public";
  /**
   * A closed board is read-only, as on Trello: no one writes or comments until an admin reopens
   * it. What only admins do (reopen, delete, settings, members) stays open to them.
   */
  readonly closed: boolean;
}

export const BoardPermission = {
  read: "read",
  comment: "comment",
  write: "write",
  admin: "admin",
} as const;
export type BoardPermission = (typeof BoardPermission)[keyof typeof BoardPermission];

export function canReadBoard(access: BoardAccess): boolean {
  if (access.role !== null) return true;
  if (access.visibility === "public") return true;
  return access.visibility === "org" && access.inOrganization;
}

function canComment(access: BoardAccess): boolean {
  switch (access.commentsPref) {
    case "disabled":
      return false;
    case "members":
      return access.role === "admin" || access.role === "normal";
    case "observers":
      return access.role !== null;
    case "org":
      return access.role !== null || access.inOrganization;
    case "public":
      return canReadBoard(access);
  }
}

export function hasBoardPermission(access: BoardAccess, permission: BoardPermission): boolean {
  switch (permission) {
    case "read":
      return canReadBoard(access);
    case "comment":
      return !access.closed && canComment(access);
    case "write":
      return !access.closed && (access.role === "admin" || access.role === "normal");
    case "admin":
      return access.role === "admin";
  }
}
