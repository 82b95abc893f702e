// The WebSocket protocol, version 1. Every frame is one JSON object with a `type`; client frames
// are validated with these schemas at the server boundary. History of versions:
//   1 — board subscriptions with (epoch, seq) catch-up, mutations tunnelled as API requests;
//       `notification` pushes a new notification to its recipient's sockets (an older client
//       ignores a message type it does not know, so the version did not change).
import { z } from "zod";
import type { BoardChange } from "./changes.ts";
import type { ErrorBody } from "./errors.ts";
import type { Notification } from "./notifications.ts";

// The constants live in their own file (no zod) so the web bundle can import them cheaply.
export { CloseCode, MAX_CLIENT_FRAME_BYTES, PROTOCOL_VERSION, SOCKET_PATH } from "./protocol-constants.ts";

const id24 = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-hex id");
/** Where a client's copy of a board stands: the change-list epoch and the last seq applied. */
export const cursorSchema = z.object({ epoch: z.string().max(64), seq: z.number().int().nonnegative() });
export type Cursor = z.infer<typeof cursorSchema>;

export const clientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("board.subscribe"), board: id24, since: cursorSchema.optional() }),
  z.object({ type: z.literal("board.unsubscribe"), board: id24 }),
  /**
   * A write travels as an API request. `id` is the client mutation id: a retry with the same id is
   * applied once and answered with the first result.
   */
  z.object({
    type: z.literal("mutation"),
    id: z.string().min(8).max(64),
    method: z.enum(["POST", "PUT", "DELETE"]),
    path: z.string().startsWith("/1/").max(2048),
    body: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({ type: z.literal("ping") }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { type: "hello"; version: number; member: string; instance: string }
  /** Subscription confirmed; `catchUp` holds the changes after the client's cursor, in order. */
  | { type: "board.subscribed"; board: string; epoch: string; seq: number; catchUp: BoardChange[] }
  /**
   * The client's cursor cannot be served (more than 1,000 changes behind): load the board afresh.
   * The subscription stays live: changes after `seq` keep coming (a cursor from another epoch is
   * not a reason: it is answered from the durable log).
   */
  | { type: "board.reload"; board: string; epoch: string; seq: number; reason: string }
  | { type: "board.change"; epoch: string; change: BoardChange }
  /** The person lost read access (removed, board deleted or made private). */
  | { type: "board.revoked"; board: string }
  | { type: "mutation.ack"; id: string; status: number; body: unknown }
  | { type: "mutation.reject"; id: string; status: number; error: ErrorBody }
  /** A notification for the socket's person, with how many of theirs are unread now. */
  | { type: "notification"; notification: Notification; unread: number }
  | { type: "pong" }
  | { type: "error"; error: ErrorBody };
