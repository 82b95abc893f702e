// Store contract, sessions (session-store.ts): cookie sessions, API tokens, login devices and
// password resets.
import assert from "node:assert/strict";
import { newId, newSecret } from "@tack/shared/ids";
import type { ContractCase } from "./store-contract.ts";
import { aStoredMember } from "./support/store-fixtures.ts";

export const sessionCases: ContractCase[] = [
  [
    "sessions are stored, found by hash and deleted",
    async (store) => {
      const member = await aStoredMember(store);
      const session = {
        idHash: newSecret(),
        memberId: member.id,
        csrfToken: newSecret(),
        expiresAt: Date.now() + 86_400_000,
        createdAt: Date.now(),
        lastUsed: { at: Date.now(), address: "192.0.2.1", userAgent: "Firefox" },
      };
      await store.insertSession(session);
      assert.deepEqual(await store.sessionByHash(session.idHash), session);
      assert.equal(await store.sessionByHash(newSecret()), null);
      await store.deleteSession(session.idHash);
      assert.equal(await store.sessionByHash(session.idHash), null);
    },
  ],
  [
    "tokens are listed oldest first and deleted only by their owner",
    async (store) => {
      const owner = await aStoredMember(store);
      const stranger = await aStoredMember(store);
      const older = {
        id: newId(),
        tokenHash: newSecret(),
        memberId: owner.id,
        name: "cli",
        createdAt: "2024-01-01T00:00:00.000Z",
        expiresAt: null,
        lastUsed: null,
      };
      const newer = {
        id: newId(),
        tokenHash: newSecret(),
        memberId: owner.id,
        name: "ci",
        createdAt: "2024-06-01T00:00:00.000Z",
        expiresAt: Date.parse("2030-01-01T00:00:00.000Z"),
        lastUsed: null,
      };
      await store.insertToken(newer);
      await store.insertToken(older);
      assert.deepEqual(await store.tokenByHash(older.tokenHash), older);
      assert.equal(await store.tokenByHash(newSecret()), null);
      assert.deepEqual(await store.tokensOf(owner.id), [older, newer]);
      assert.equal(await store.deleteToken(stranger.id, older.id), false);
      assert.equal(await store.deleteToken(owner.id, older.id), true);
      assert.equal(await store.deleteToken(owner.id, older.id), false);
      assert.deepEqual(await store.tokensOf(owner.id), [newer]);
      const use = { at: Date.now(), address: "2001:db8::1", userAgent: "curl/8" };
      await store.touchToken(newer.id, use);
      assert.deepEqual((await store.tokenByHash(newer.tokenHash))?.lastUsed, use);
    },
  ],
  [
    "a member's sessions are listed, touched and ended all but one",
    async (store) => {
      const member = await aStoredMember(store);
      const other = await aStoredMember(store);
      const sessionOf = (memberId: string, at: number) => ({
        idHash: newSecret(),
        memberId,
        csrfToken: newSecret(),
        expiresAt: at + 86_400_000,
        createdAt: at,
        lastUsed: { at, address: "192.0.2.9", userAgent: "Safari" },
      });
      const kept = sessionOf(member.id, 1_000);
      const ended = sessionOf(member.id, 2_000);
      const othersSession = sessionOf(other.id, 3_000);
      for (const s of [kept, ended, othersSession]) await store.insertSession(s);
      assert.deepEqual(await store.sessionsOf(member.id), [ended, kept]);
      const use = { at: 5_000, address: "198.51.100.7", userAgent: "Chrome" };
      await store.touchSession(kept.idHash, use);
      assert.deepEqual((await store.sessionByHash(kept.idHash))?.lastUsed, use);
      assert.deepEqual(await store.deleteSessionsOf(member.id, kept.idHash), [ended.idHash]);
      assert.deepEqual(
        (await store.sessionsOf(member.id)).map((s) => s.idHash),
        [kept.idHash],
      );
      assert.deepEqual(await store.deleteSessionsOf(member.id, null), [kept.idHash]);
      assert.equal((await store.sessionsOf(other.id)).length, 1);
    },
  ],
  [
    "passwords, login devices and single-use password resets",
    async (store) => {
      const member = await aStoredMember(store);
      await store.setPasswordHash(member.id, "new-hash");
      assert.equal(await store.passwordHashOf(member.id), "new-hash");
      assert.equal(await store.passwordHashOf(newId()), null);
      const device = newSecret();
      await store.insertLoginDevice(device, member.id, Date.now());
      await store.insertLoginDevice(device, member.id, Date.now());
      assert.equal(await store.loginDeviceOwner(device), member.id);
      assert.equal(await store.loginDeviceOwner(newSecret()), null);
      const first = { idHash: newSecret(), memberId: member.id, expiresAt: Date.now() + 60_000 };
      const second = { idHash: newSecret(), memberId: member.id, expiresAt: Date.now() + 60_000 };
      await store.insertPasswordReset(first);
      await store.insertPasswordReset(second);
      assert.equal(await store.takePasswordReset(first.idHash), null, "a newer reset replaces the older");
      assert.deepEqual(await store.takePasswordReset(second.idHash), second);
      assert.equal(await store.takePasswordReset(second.idHash), null, "a reset works once");
    },
  ],
];
