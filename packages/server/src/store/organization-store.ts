// Workspaces (Trello's organizations) and who belongs to them. A board's workspace membership feeds
// its access rules (board-store.ts, `boardAccess`).
import type { Organization } from "@tack/shared/models";

export interface OrganizationStore {
  /** Creates the workspace with its creator as admin, together; a taken name is a `conflict` on `name`. */
  insertOrganization(org: Organization, ownerId: string): Promise<void>;
  organizationById(idOrName: string): Promise<Organization | null>;
  organizationsOf(memberId: string): Promise<Organization[]>;
  addOrganizationMember(orgId: string, memberId: string, role: "admin" | "normal"): Promise<void>;
  organizationMemberIds(orgId: string): Promise<string[]>;
}
