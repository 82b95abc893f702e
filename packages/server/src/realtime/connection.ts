// One open socket: who it is, what it subscribed to, and the frames it sends and receives. Frames
// in are parsed and checked at this boundary (shared/protocol.ts) and dispatched through a handler
// table; frames out go through `send`, which refuses to queue without bound: a socket that does not
// drain is closed as too slow, so its client reconnects and catches up instead of costing memory.
import { ErrorCode, TackError } from "@tack/shared/errors";
import {
  type ClientMessage,
  CloseCode,
  type Cursor,
  clientMessageSchema,
  type ServerMessage,
} from "@tack/shared/protocol";
import type { RawData, WebSocket } from "ws";
import type { Actor } from "../auth/actor.ts";
import type { CatchUpReader } from "./catch-up.ts";
import type { Hub } from "./hub.ts";
import { RESTARTING_MESSAGE, tunnelMutation, type WriteDispatcher } from "./mutation-tunnel.ts";
import { subscribeBoard } from "./subscribe-board.ts";
import type { Frame, Subscription, SubscriptionOwner } from "./subscription.ts";
import type { SocketStream, TurnWrites } from "./turn-writes.ts";

/** A frame of bytes is sent as text, as a string would be: every frame of the protocol is JSON.
 * Made once: `send` runs per frame, per socket. */
const AS_TEXT = { binary: false } as const;
/** Bytes a socket may have waiting to be sent before it is closed as too slow. */
export const MAX_BUFFERED_BYTES = 1_048_576;
const MAX_QUEUED_MUTATIONS = 64;
/** Bad frames tolerated on one socket (each answered with an error) before it is closed. */
const MAX_BAD_FRAMES = 10;
/** How long a closing socket may take to say goodbye before it is cut. */
const CLOSE_GRACE_MS = 3_000;

export interface ConnectionDeps {
  hub: Hub;
  catchUp: CatchUpReader;
  /** Runs socket writes through the API's route specs. */
  writes: WriteDispatcher;
  /** True once the process drains for shutdown. */
  draining(): boolean;
  instanceId: string;
  /** Holds a socket's frames until the turn ends, so they leave in one write (turn-writes.ts). */
  turnWrites: TurnWrites;
  onError(error: unknown, what: string): void;
  onClose(connection: Connection): void;
  onTooSlow(): void;
}

type Handlers = { [T in ClientMessage["type"]]: (message: Extract<ClientMessage, { type: T }>) => void };

export class Connection implements SubscriptionOwner {
  readonly socket: WebSocket;
  /** The stream `socket` writes its frames to. */
  private readonly stream: SocketStream;
  readonly actor: Actor;
  /** Heartbeat: set by every pong or frame, cleared by every ping round. */
  alive = true;
  private readonly deps: ConnectionDeps;
  private readonly subscriptions = new Map<string, Subscription>();
  private mutations: Promise<void> = Promise.resolve();
  private queuedMutations = 0;
  private badFrames = 0;
  private closing = false;

  /** `_credentials` (the socket's token or cookie, from upgrade.ts) are no longer needed: writes run
   * as this connection's actor. */
  constructor(
    socket: WebSocket,
    stream: SocketStream,
    actor: Actor,
    _credentials: Record<string, string>,
    deps: ConnectionDeps,
  ) {
    this.socket = socket;
    this.stream = stream;
    this.actor = actor;
    this.deps = deps;
    socket.on("message", (data, isBinary) => this.receive(data, isBinary));
    socket.on("pong", () => {
      this.alive = true;
    });
    socket.on("close", () => this.dispose());
    socket.on("error", () => socket.terminate());
    this.send({
      type: "hello",
      version: 1,
      member: actor.kind === "member" ? actor.memberId : "",
      instance: deps.instanceId,
    });
  }

  /** Boards this socket follows (socket-server.ts closes sockets that follow none for long). */
  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  get memberId(): string | null {
    return this.actor.kind === "member" ? this.actor.memberId : null;
  }

  send(message: ServerMessage): void {
    this.sendFrame(JSON.stringify(message));
  }

  sendFrame(frame: Frame): void {
    if (this.closing || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.tooSlow();
      return;
    }
    this.deps.turnWrites.hold(this.stream);
    this.socket.send(frame, AS_TEXT);
  }

  tooSlow(): void {
    if (!this.closing) this.deps.onTooSlow();
    this.close(CloseCode.tooSlow, "Too far behind: reconnect and catch up");
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.dispose();
    this.socket.close(code, reason);
    // A peer that does not drain will not read the close frame either.
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  revoked(subscription: Subscription): void {
    if (this.subscriptions.get(subscription.board) !== subscription) return;
    this.subscriptions.delete(subscription.board);
    this.send({ type: "board.revoked", board: subscription.board });
  }

  reloadNeeded(subscription: Subscription, epoch: string, seq: number): void {
    this.send({ type: "board.reload", board: subscription.board, epoch, seq, reason: "too_far_behind" });
  }

  private dispose(): void {
    for (const subscription of this.subscriptions.values())
      this.deps.hub.unsubscribe(subscription.board, subscription);
    this.subscriptions.clear();
    this.deps.onClose(this);
  }

  private receive(data: RawData, isBinary: boolean): void {
    this.alive = true;
    if (this.closing) return;
    const parsed = parseFrame(data, isBinary);
    if (parsed instanceof TackError) this.reject(parsed);
    else this.dispatch(parsed);
  }

  private reject(error: TackError): void {
    this.send({ type: "error", error: error.toBody() });
    this.badFrames += 1;
    if (this.badFrames >= MAX_BAD_FRAMES) this.close(CloseCode.protocolError, "Too many bad frames");
  }

  private dispatch(message: ClientMessage): void {
    const handler = this.handlers[message.type] as (m: ClientMessage) => void;
    handler(message);
  }

  private readonly handlers: Handlers = {
    "board.subscribe": (m) => void this.subscribe(m.board, m.since).catch((e) => this.failed(e, "subscribe")),
    "board.unsubscribe": (m) => {
      const subscription = this.subscriptions.get(m.board);
      if (!subscription) return;
      this.subscriptions.delete(m.board);
      this.deps.hub.unsubscribe(m.board, subscription);
    },
    mutation: (m) => {
      if (this.queuedMutations >= MAX_QUEUED_MUTATIONS) {
        this.send({
          type: "mutation.reject",
          id: m.id,
          status: 429,
          error: { error: ErrorCode.rateLimited, message: "Too many mutations in flight: wait for answers" },
        });
        return;
      }
      this.queuedMutations += 1;
      // One at a time, in the order sent, as the client applied them optimistically.
      this.mutations = this.mutations.then(async () => {
        try {
          this.send(await tunnelMutation(this.deps, this.actor, m));
        } catch (error) {
          this.failed(error, "mutation");
          this.send({
            type: "mutation.reject",
            id: m.id,
            status: 503,
            error: { error: ErrorCode.unavailable, message: RESTARTING_MESSAGE },
          });
        } finally {
          this.queuedMutations -= 1;
        }
      });
    },
    ping: () => this.send({ type: "pong" }),
  };

  private failed(error: unknown, what: string): void {
    this.deps.onError(error, what);
    this.send({ type: "error", error: { error: ErrorCode.internal, message: `${what} failed: retry` } });
  }

  private subscribe(board: string, since: Cursor | undefined): Promise<void> {
    return subscribeBoard(
      {
        subscriptions: this.subscriptions,
        hub: this.deps.hub,
        catchUp: this.deps.catchUp,
        owner: this,
        send: (message) => this.send(message),
      },
      board,
      since,
    );
  }
}

/** A client frame checked against the protocol, or the error that explains what is wrong with it. */
function parseFrame(data: RawData, isBinary: boolean): ClientMessage | TackError {
  if (isBinary) return new TackError(ErrorCode.invalidInput, "Send JSON text frames");
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return new TackError(ErrorCode.malformedJson, "The frame is not valid JSON");
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".");
  const message =
    field === "type"
      ? "Unknown message type: send board.subscribe, board.unsubscribe, mutation or ping"
      : `${field || "frame"}: ${issue.message}`;
  return new TackError(ErrorCode.invalidInput, message, field || undefined);
}
