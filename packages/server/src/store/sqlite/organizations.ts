// Workspaces on SQLite (organization-store.ts).
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Board, Organization } from "@tack/shared/models";
import type {
  OrganizationMembership,
  OrganizationRole,
  OrganizationRoleChange,
  OrganizationStore,
} from "../organization-store.ts";
import { json, readBoard } from "../rows.ts";
import { isUniqueViolation, type Row, type SqliteConnection } from "./connection.ts";

export class SqliteOrganizations implements OrganizationStore {
  private readonly db: SqliteConnection;

  constructor(db: SqliteConnection) {
    this.db = db;
  }

  async insertOrganization(org: Organization, ownerId: string): Promise<void> {
    try {
      await this.db.serialized(() =>
        this.db.inWriteTransaction(() => {
          this.db
            .w("INSERT INTO organizations (id, name, doc) VALUES (?, ?, ?)")
            .run(org.id, org.name, JSON.stringify(org));
          this.db
            .w("INSERT INTO organization_members (org_id, member_id, role) VALUES (?, ?, 'admin')")
            .run(org.id, ownerId);
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new TackError(ErrorCode.conflict, "That workspace name is already taken", "name");
      throw error;
    }
  }

  async organizationById(idOrName: string): Promise<Organization | null> {
    const row = this.db.r("SELECT doc FROM organizations WHERE id = ? OR name = ?").get(idOrName, idOrName) as
      | Row
      | undefined;
    return row ? json<Organization>(row.doc) : null;
  }

  async organizationsOf(memberId: string): Promise<Organization[]> {
    const rows = this.db
      .r(
        "SELECT o.doc FROM organizations o JOIN organization_members m ON m.org_id = o.id WHERE m.member_id = ? ORDER BY o.name",
      )
      .all(memberId) as Row[];
    return rows.map((r) => json<Organization>(r.doc));
  }

  async addOrganizationMember(orgId: string, memberId: string, role: "admin" | "normal"): Promise<void> {
    await this.db.serialized(() =>
      this.db
        .w(
          "INSERT INTO organization_members (org_id, member_id, role) VALUES (?, ?, ?) ON CONFLICT (org_id, member_id) DO UPDATE SET role = excluded.role",
        )
        .run(orgId, memberId, role),
    );
  }

  async organizationMemberIds(orgId: string): Promise<string[]> {
    const rows = this.db.r("SELECT member_id FROM organization_members WHERE org_id = ?").all(orgId) as Row[];
    return rows.map((r) => String(r.member_id));
  }

  async organizationMemberships(orgId: string): Promise<OrganizationMembership[]> {
    const rows = this.db
      .r("SELECT member_id, role FROM organization_members WHERE org_id = ? ORDER BY role, member_id")
      .all(orgId) as Row[];
    return rows.map((r) => ({ memberId: String(r.member_id), role: String(r.role) as OrganizationRole }));
  }

  async changeOrganizationRole(
    orgId: string,
    memberId: string,
    role: OrganizationRole | null,
  ): Promise<OrganizationRoleChange> {
    // The one writer connection runs this whole function before any other write: the admin count
    // cannot change between the check and the write.
    return this.db.serialized(() => {
      const current = this.db
        .w("SELECT role FROM organization_members WHERE org_id = ? AND member_id = ?")
        .get(orgId, memberId) as Row | undefined;
      if (!current) return "not-member";
      if (current.role === "admin" && role !== "admin") {
        const others = this.db
          .w(
            "SELECT count(*) AS n FROM organization_members WHERE org_id = ? AND role = 'admin' AND member_id <> ?",
          )
          .get(orgId, memberId) as Row;
        if (Number(others.n) === 0) return "last-admin";
      }
      if (role === null)
        this.db.w("DELETE FROM organization_members WHERE org_id = ? AND member_id = ?").run(orgId, memberId);
      else
        this.db
          .w("UPDATE organization_members SET role = ? WHERE org_id = ? AND member_id = ?")
          .run(role, orgId, memberId);
      return "done";
    });
  }

  async boardsOfOrganization(orgId: string): Promise<Board[]> {
    const rows = this.db.r("SELECT doc FROM boards WHERE org_id = ?").all(orgId) as Row[];
    return rows.map((r) => readBoard(r.doc));
  }
}
