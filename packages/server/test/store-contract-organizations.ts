// Store contract, workspaces (organization-store.ts).
import assert from "node:assert/strict";
import { TackError } from "@tack/shared/errors";
import type { ContractCase } from "./store-contract.ts";
import { anOrganization, aSeededBoard, aStoredMember, unique } from "./support/store-fixtures.ts";

const isConflict = (field?: string) => (error: unknown) => {
  assert.ok(error instanceof TackError, `expected a TackError, got ${String(error)}`);
  assert.equal(error.code, "conflict");
  assert.equal(error.field, field);
  return true;
};

export const organizationCases: ContractCase[] = [
  [
    "a workspace is found by id or name in any case, with its creator as admin",
    async (store) => {
      const owner = await aStoredMember(store);
      const org = anOrganization({ name: unique("Acme") });
      await store.insertOrganization(org, owner.id);
      assert.deepEqual(await store.organizationById(org.id), org);
      assert.deepEqual(await store.organizationById(org.name.toUpperCase()), org);
      assert.equal(await store.organizationById(unique("none")), null);
      assert.deepEqual(await store.organizationMemberIds(org.id), [owner.id]);
    },
  ],
  [
    "a taken workspace name, in any case, is a conflict on `name` and writes nothing",
    async (store) => {
      const owner = await aStoredMember(store);
      const other = await aStoredMember(store);
      const org = anOrganization();
      await store.insertOrganization(org, owner.id);
      const copy = anOrganization({ name: org.name.toUpperCase() });
      await assert.rejects(store.insertOrganization(copy, other.id), isConflict("name"));
      assert.equal(await store.organizationById(copy.id), null);
      assert.deepEqual(await store.organizationsOf(other.id), []);
    },
  ],
  [
    "workspace members are added once, their role updated, and their workspaces listed by name",
    async (store) => {
      const owner = await aStoredMember(store);
      const member = await aStoredMember(store);
      const beta = anOrganization({ name: unique("beta") });
      const alpha = anOrganization({ name: unique("Alpha") });
      await store.insertOrganization(beta, owner.id);
      await store.insertOrganization(alpha, owner.id);
      await store.addOrganizationMember(beta.id, member.id, "normal");
      await store.addOrganizationMember(beta.id, member.id, "admin");
      assert.deepEqual((await store.organizationMemberIds(beta.id)).sort(), [owner.id, member.id].sort());
      assert.deepEqual(await store.organizationsOf(owner.id), [alpha, beta]);
      assert.deepEqual(await store.organizationsOf(member.id), [beta]);
    },
  ],
  [
    "workspace roles change atomically and never leave the workspace without an admin",
    async (store) => {
      const owner = await aStoredMember(store);
      const second = await aStoredMember(store);
      const org = anOrganization();
      await store.insertOrganization(org, owner.id);
      assert.equal(await store.changeOrganizationRole(org.id, second.id, "normal"), "not-member");
      await store.addOrganizationMember(org.id, second.id, "normal");
      assert.equal(await store.changeOrganizationRole(org.id, owner.id, null), "last-admin");
      assert.equal(await store.changeOrganizationRole(org.id, owner.id, "normal"), "last-admin");
      assert.equal(await store.changeOrganizationRole(org.id, second.id, "admin"), "done");
      const demotions = await Promise.all([
        store.changeOrganizationRole(org.id, owner.id, "normal"),
        store.changeOrganizationRole(org.id, second.id, "normal"),
      ]);
      assert.deepEqual(demotions.sort(), ["done", "last-admin"]);
      const roles = await store.organizationMemberships(org.id);
      assert.equal(roles.filter((r) => r.role === "admin").length, 1);
      const normal = roles.find((r) => r.role === "normal")!;
      assert.equal(await store.changeOrganizationRole(org.id, normal.memberId, null), "done");
      assert.deepEqual(
        (await store.organizationMemberships(org.id)).map((r) => r.memberId),
        roles.filter((r) => r.role === "admin").map((r) => r.memberId),
      );
    },
  ],
  [
    "a workspace's boards are listed by workspace",
    async (store) => {
      const owner = await aStoredMember(store);
      const org = anOrganization();
      await store.insertOrganization(org, owner.id);
      const inside = await aSeededBoard(store, { idOrganization: org.id });
      await aSeededBoard(store);
      assert.deepEqual(
        (await store.boardsOfOrganization(org.id)).map((b) => b.id),
        [inside.board.id],
      );
    },
  ],
];
