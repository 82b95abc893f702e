// Workspaces (Trello's organizations) and who belongs to them. A board's workspace membership feeds
// its access rules (board-store.ts, `boardAccess`).
import type { Board, Organization } from "@tack/shared/models";

export interface OrganizationStore {
  /** Creates the workspace with its creator as admin, together; a taken name is a `conflict` on `name`. */
  insertOrganization(org: Organization, ownerId: string): Promise<void>;
  organizationById(idOrName: string): Promise<Organization | null>;
  organizationsOf(memberId: string): Promise<Organization[]>;
  addOrganizationMember(orgId: string, memberId: string, role: "admin" | "normal"): Promise<void>;
  organizationMemberIds(orgId: string): Promise<string[]>;
  organizationMemberships(orgId: string): Promise<OrganizationMembership[]>;
  /**
   * Sets a workspace member's role, or removes them (`null`), atomically refusing a change that
   * would leave the workspace without an admin.
   */
  changeOrganizationRole(
    orgId: string,
    memberId: string,
    role: OrganizationRole | null,
  ): Promise<OrganizationRoleChange>;
  /** Every board of a workspace (callers filter by what the person may read). */
  boardsOfOrganization(orgId: string): Promise<Board[]>;
}

export type OrganizationRole = "admin" | "normal";

export interface OrganizationMembership {
  memberId: string;
  role: OrganizationRole;
}

/** What `changeOrganizationRole` did: refused changes leave the workspace as it was. */
export type OrganizationRoleChange = "done" | "last-admin" | "not-member";
