import type { Organization } from "@tack/shared/models";
import type { OrganizationMembership } from "../store/store.ts";

/** A workspace as Trello shows an organization; `url` is its page in the web client. */
export const presentOrganization = (base: string, org: Organization) => ({
  ...org,
  url: `${base}/w/${org.name}`,
});

/** Trello's organization membership: one id per (workspace, member), here the member's id. */
export const presentOrganizationMembership = (m: OrganizationMembership) => ({
  id: m.memberId,
  idMember: m.memberId,
  memberType: m.role,
  unconfirmed: false,
  deactivated: false,
});
