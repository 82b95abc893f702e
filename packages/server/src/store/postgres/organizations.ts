// Workspaces on PostgreSQL (organization-store.ts).
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Board, Organization } from "@tack/shared/models";
import type {
  OrganizationMembership,
  OrganizationRole,
  OrganizationRoleChange,
  OrganizationStore,
} from "../organization-store.ts";
import { readBoard } from "../rows.ts";
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

  async organizationMemberships(orgId: string): Promise<OrganizationMembership[]> {
    const rows = await this.db.rows<{ member_id: string; role: OrganizationRole }>(
      "SELECT member_id, role FROM organization_members WHERE org_id = $1 ORDER BY role, member_id",
      [orgId],
    );
    return rows.map((r) => ({ memberId: r.member_id, role: r.role }));
  }

  async changeOrganizationRole(
    orgId: string,
    memberId: string,
    role: OrganizationRole | null,
  ): Promise<OrganizationRoleChange> {
    // The workspace row is locked for the check and the write, so two admins demoting each other
    // at once cannot both succeed and leave the workspace without one.
    const client = await this.db.pool.connect();
    try {
      await client.query("BEGIN");
      await query(client, "SELECT id FROM organizations WHERE id = $1 FOR UPDATE", [orgId]);
      const current = await query<{ role: string }>(
        client,
        "SELECT role FROM organization_members WHERE org_id = $1 AND member_id = $2",
        [orgId, memberId],
      );
      let outcome: OrganizationRoleChange = "done";
      if (!current.rows[0]) outcome = "not-member";
      else if (current.rows[0].role === "admin" && role !== "admin") {
        const others = await query<{ n: string }>(
          client,
          "SELECT count(*) AS n FROM organization_members WHERE org_id = $1 AND role = 'admin' AND member_id <> $2",
          [orgId, memberId],
        );
        if (Number(others.rows[0]?.n ?? 0) === 0) outcome = "last-admin";
      }
      if (outcome === "done") {
        if (role === null)
          await query(client, "DELETE FROM organization_members WHERE org_id = $1 AND member_id = $2", [
            orgId,
            memberId,
          ]);
        else
          await query(
            client,
            "UPDATE organization_members SET role = $3 WHERE org_id = $1 AND member_id = $2",
            [orgId, memberId, role],
          );
      }
      await client.query("COMMIT");
      return outcome;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async boardsOfOrganization(orgId: string): Promise<Board[]> {
    const rows = await this.db.rows<{ doc: unknown }>("SELECT doc FROM boards WHERE org_id = $1", [orgId]);
    return rows.map((r) => readBoard(r.doc));
  }
}
