// The socket protocol's constants, apart from its zod schemas (protocol.ts) so that the web client
// can use them without bundling zod.
export const PROTOCOL_VERSION = 1;
/** The socket endpoint; the version travels in the query (`?v=1`). */
export const SOCKET_PATH = "/1/socket";
/** Largest frame a client may send. */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

/** Close codes (4000–4999 are the application's). */
export const CloseCode = {
  normal: 1000,
  /** The server is restarting: reconnect, preferably to another worker, after a random delay. */
  goingAway: 1001,
  protocolError: 1002,
  tooLarge: 1009,
  unauthenticated: 4001,
  forbidden: 4003,
  /** The session ended (logout, token revoked). Do not reconnect without logging in again. */
  sessionEnded: 4004,
  unsupportedVersion: 4005,
  /** The socket fell too far behind (slow consumer): reconnect and catch up. */
  tooSlow: 4008,
} as const;

/**
 * How the web client names the board a request is about, so that HAProxy sends all of a board's
 * requests and sockets to one worker (decision 0062). A routing hint only: no worker reads it, and
 * a wrong or missing one costs speed, never correctness.
 */
export const BOARD_ROUTING_HEADER = "X-Tack-Board";
/** The same hint on the socket's URL (`?v=1&board=…`): an upgrade request carries no custom header. */
export const BOARD_ROUTING_PARAMETER = "board";
