// Changes on the wire, both ways. Out: `toWire` is the one place a change is made fit for a client
// (push, socket catch-up, polling): commands record whole stored documents, and server-only fields
// are stripped here, also from change-log rows written before a field was known to be private.
// In: changes that come back from Redis (the recent-change list, pub/sub) are untrusted input:
// they are checked for the shape the fan-out relies on before anyone uses them. The models inside
// are whole documents written by our own commands, so only the envelope is checked.
import type { BoardChange } from "@tack/shared/changes";
import { DELETABLE_KINDS } from "@tack/shared/changes";
import { type Attachment, BOARD_OBJECT_KINDS, type Member } from "@tack/shared/models";
import { z } from "zod";

/**
 * An attachment without its blob store key, which only the server needs: downloads go through
 * Tack's permission check, never straight to the blob store.
 */
export const publicAttachment = (attachment: Attachment): Attachment =>
  attachment.storageKey === null ? attachment : { ...attachment, storageKey: null };

/** A change as it may leave the server: every server-only field stripped. */
export function toWire(change: BoardChange): BoardChange {
  const attachments = change.models.attachments;
  const members = change.models.members;
  const strip = attachments?.some((a) => a.storageKey !== null);
  const stripMembers = members?.some((m) => m.avatar !== undefined || m.boardBackgrounds !== undefined);
  if (!strip && !stripMembers) return change;
  return {
    ...change,
    models: {
      ...change.models,
      ...(strip && { attachments: attachments!.map(publicAttachment) }),
      ...(stripMembers && { members: members!.map(publicMember) }),
    },
  };
}

/**
 * A member without their pictures' storage records (blob keys, their private background library):
 * the stored `avatarUrl` (set with an upload, decision 0034) is what a client shows.
 */
export function publicMember(member: Member): Member {
  const { avatar: _avatar, boardBackgrounds: _library, ...rest } = member;
  return rest;
}

const changeSchema = z.object({
  board: z.string().regex(/^[0-9a-f]{24}$/),
  seq: z.number().int().positive(),
  action: z.looseObject({ id: z.string(), type: z.string(), seq: z.number().int() }),
  models: z.looseObject({}),
  deleted: z.array(z.object({ kind: z.enum(DELETABLE_KINDS), id: z.string() })),
});

/** Parses one serialized change; throws on anything that is not one. */
export function parseChange(text: string): BoardChange {
  return changeSchema.parse(JSON.parse(text)) as unknown as BoardChange;
}

const endedSchema = z.union([
  z.strictObject({ sessionHash: z.string().min(1) }),
  z.strictObject({ tokenId: z.string().min(1) }),
  z.strictObject({ memberId: z.string().min(1) }),
]);

const objectKind = z.enum(BOARD_OBJECT_KINDS);

/** A board transaction's writes (board-objects-cache.ts `BoardWrites`): the rows as stored, as JSON. */
const boardWritesSchema = z.object({
  board: z.string().regex(/^[0-9a-f]{24}$/),
  from: z.number().int().nonnegative(),
  to: z.number().int().positive(),
  writes: z.array(
    z.discriminatedUnion("op", [
      z.object({ op: z.literal("put"), kind: objectKind, id: z.string().min(1), text: z.string() }),
      z.object({ op: z.literal("remove"), kind: objectKind, id: z.string().min(1) }),
    ]),
  ),
  boardText: z.string(),
  seq: z.number().int().nonnegative(),
});

/** A pub/sub message, tagged with the publishing instance so it can drop its own echo. */
export const busEnvelopeSchema = z.discriminatedUnion("kind", [
  z.object({
    instance: z.string().min(1),
    kind: z.literal("change"),
    epoch: z.string().min(1).max(64),
    change: changeSchema,
  }),
  z.object({ instance: z.string().min(1), kind: z.literal("ended"), ended: endedSchema }),
  z.object({
    instance: z.string().min(1),
    kind: z.literal("access"),
    boards: z.array(z.string().min(1).max(64)).max(10_000),
  }),
  z.object({ instance: z.string().min(1), kind: z.literal("writes"), writes: boardWritesSchema }),
]);
