// Store contract, accounts (account-store.ts): members, their lookups and their passwords.
import assert from "node:assert/strict";
import { TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import type { ContractCase } from "./store-contract.ts";
import { aMemberRecord, aStoredMember, unique } from "./support/store-fixtures.ts";

const isConflict = (field?: string) => (error: unknown) => {
  assert.ok(error instanceof TackError, `expected a TackError, got ${String(error)}`);
  assert.equal(error.code, "conflict");
  assert.equal(error.field, field);
  return true;
};

export const accountCases: ContractCase[] = [
  [
    "a member is found by id, by ids and by username in any case",
    async (store) => {
      const member = await aStoredMember(store, { username: unique("Grace") });
      const other = await aStoredMember(store);
      assert.deepEqual(await store.memberById(member.id), member);
      assert.equal(await store.memberById(newId()), null);
      assert.deepEqual(await store.memberByUsername(member.username.toUpperCase()), member);
      assert.equal(await store.memberByUsername(unique("nobody")), null);
      const found = await store.membersByIds([member.id, other.id, newId()]);
      assert.deepEqual(found.map((m) => m.id).sort(), [member.id, other.id].sort());
      assert.deepEqual(await store.membersByIds([]), []);
    },
  ],
  [
    "credentials are found by username or e-mail in any case",
    async (store) => {
      const record = aMemberRecord();
      await store.insertMember(record);
      const expected = { member: record.member, passwordHash: record.passwordHash };
      assert.deepEqual(await store.credentialsOf(record.member.username.toUpperCase()), expected);
      assert.deepEqual(await store.credentialsOf(record.email.toUpperCase()), expected);
      assert.equal(await store.credentialsOf(`${unique("x")}@example.test`), null);
    },
  ],
  [
    "a taken username or e-mail, in any case, is a conflict and writes nothing",
    async (store) => {
      const record = aMemberRecord();
      await store.insertMember(record);
      const sameName = aMemberRecord({ username: record.member.username.toUpperCase() });
      await assert.rejects(store.insertMember(sameName), isConflict());
      const sameEmail = { ...aMemberRecord(), email: record.email.toUpperCase() };
      await assert.rejects(store.insertMember(sameEmail), isConflict());
      assert.equal(await store.memberById(sameName.member.id), null);
      assert.equal(await store.memberById(sameEmail.member.id), null);
    },
  ],
  [
    "updateMember replaces the profile",
    async (store) => {
      const member = await aStoredMember(store);
      const updated = {
        ...member,
        fullName: "Grace Hopper",
        initials: "GH",
        avatarUrl: "https://a.example.test/g.png",
      };
      await store.updateMember(updated);
      assert.deepEqual(await store.memberById(member.id), updated);
    },
  ],
];
