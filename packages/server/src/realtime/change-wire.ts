// Changes that come back from Redis (the recent-change list, pub/sub) are untrusted input: they
// are checked for the shape the fan-out relies on before anyone uses them. The models inside are
// whole documents written by our own commands, so only the envelope is checked, not every field.
import type { BoardChange } from "@tack/shared/changes";
import { DELETABLE_KINDS } from "@tack/shared/changes";
import { z } from "zod";

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

/** A pub/sub message, tagged with the publishing instance so it can drop its own echo. */
export const busEnvelopeSchema = z.discriminatedUnion("kind", [
  z.object({
    instance: z.string().min(1),
    kind: z.literal("change"),
    epoch: z.string().min(1).max(64),
    change: changeSchema,
  }),
  z.object({ instance: z.string().min(1), kind: z.literal("ended"), ended: endedSchema }),
]);
