// Workspaces on PostgreSQL (organization-store.ts).
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Organization } from "@tack/shared/models";
import type { OrganizationStore } from "../organization-store.ts";
import { isUniqueViolation, type PostgresDatabase } from "./connection.ts";
import { query } from "./query.ts";

export class PostgresOrganizations implements OrganizationStore {
  private readonly db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.db = db;
  }

  async insertOrganization(org: Organization, ownerId: string): Promise<void> {
    try {
      // One statement, so the workspace and its first admin are written together or not at all.
      await query(
        this.db.pool,
        `WITH org AS (INSERT INTO organizations (id, name, doc) VALUES ($1, $2, $3) RETURNING id)
         INSERT INTO organization_members (org_id, member_id, role) SELECT id, $4, 'admin' FROM org`,
        [org.id, org.name, JSON.stringify(org), ownerId],
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new TackError(ErrorCode.conflict, "That workspace name is already taken", "name");
      throw error;
    }
  }

  async organizationById(idOrName: string): Promise<Organization | null> {
    const row = await this.db.row<{ doc: Organization }>(
      "SELECT doc FROM organizations WHERE id = $1 OR lower(name) = lower($1) LIMIT 1",
      [idOrName],
    );
    return row?.doc ?? null;
  }

  async organizationsOf(memberId: string): Promise<Organization[]> {
    const rows = await this.db.rows<{ doc: Organization }>(
      `SELECT o.doc FROM organizations o JOIN organization_members m ON m.org_id = o.id
        WHERE m.member_id = $1 ORDER BY lower(o.name)`,
      [memberId],
    );
    return rows.map((r) => r.doc);
  }

  async addOrganizationMember(orgId: string, memberId: string, role: "admin" | "normal"): Promise<void> {
    await query(
      this.db.pool,
      `INSERT INTO organization_members (org_id, member_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (org_id, member_id) DO UPDATE SET role = excluded.role`,
      [orgId, memberId, role],
    );
  }

  async organizationMemberIds(orgId: string): Promise<string[]> {
    const rows = await this.db.rows<{ member_id: string }>(
      "SELECT member_id FROM organization_members WHERE org_id = $1",
      [orgId],
    );
    return rows.map((r) => r.member_id);
  }
}
