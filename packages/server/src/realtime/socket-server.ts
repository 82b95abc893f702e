// The WebSocket endpoint (`ws` in noServer mode on Fastify's HTTP server): admission on upgrade,
// heartbeats that terminate dead peers, and closing the sockets of ended sessions and tokens.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { ErrorCode } from "@tack/shared/errors";
import { CloseCode, MAX_CLIENT_FRAME_BYTES, type ServerMessage, SOCKET_PATH } from "@tack/shared/protocol";
import type { FastifyInstance } from "fastify";
import { WebSocketServer } from "ws";
import type { Ended } from "../auth/session-feed.ts";
import type { AppContext } from "../context.ts";
import { closeInBatches, RECONNECT_ELSEWHERE } from "../ops/drain.ts";
import { Connection, type ConnectionDeps } from "./connection.ts";
import {
  clientAddress,
  isRefusal,
  type ProxyTrust,
  proxyTrust,
  RESERVED_DESCRIPTORS,
  SocketCaps,
} from "./socket-caps.ts";
import { TurnWrites } from "./turn-writes.ts";
import { admit } from "./upgrade.ts";

/** Standard close code for a socket closed by policy: here, one that followed no board for long. */
const IDLE_CLOSE = { code: 1008, reason: "No board subscribed: open a board to reconnect" } as const;

export type SocketServerDeps = Omit<ConnectionDeps, "onClose" | "onTooSlow" | "turnWrites">;

export class SocketServer {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    perMessageDeflate: false,
    clientTracking: false,
  });
  private readonly connections = new Set<Connection>();
  /** Every socket's frames of a turn leave it in one write (turn-writes.ts). */
  private readonly turnWrites = new TurnWrites();
  /** The open sockets of each signed-in person, so a notification finds its person's sockets
   * without walking every socket of the process. */
  private readonly byMember = new Map<string, Set<Connection>>();
  /** Counters for metrics and tests. */
  readonly stats = { opened: 0, deadPeers: 0, tooSlow: 0, refused: 0, idleClosed: 0 };
  readonly caps: SocketCaps;
  private readonly trust: ProxyTrust;
  /** When each socket last followed no board (absent: it follows at least one). */
  private readonly idleSince = new Map<Connection, number>();
  private readonly idleTimer: NodeJS.Timeout;
  private readonly ctx: AppContext;
  private readonly http: FastifyInstance;
  private readonly deps: SocketServerDeps;
  private accepting = true;

  constructor(ctx: AppContext, http: FastifyInstance, deps: SocketServerDeps) {
    this.ctx = ctx;
    this.http = http;
    this.deps = deps;
    const limits = ctx.config.limits;
    this.caps = new SocketCaps(limits);
    this.trust = proxyTrust(ctx.config.trustedProxies);
    // The last line of defence: past this, the process would have no descriptor left for its
    // store or files. WebSockets stop well before (the headroom), leaving the rest to HTTP.
    if (this.caps.descriptorLimit !== null)
      http.server.maxConnections = Math.max(1, this.caps.descriptorLimit - RESERVED_DESCRIPTORS);
    this.idleTimer = setInterval(() => this.closeIdle(), Math.max(25, limits.socketIdleMs / 4));
    this.idleTimer.unref();
    http.server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(request, socket, head),
    );
  }

  get size(): number {
    return this.connections.size;
  }

  /** Sends a message to every open socket of one person (a notification); answers how many. */
  toMember(memberId: string, message: ServerMessage): number {
    const mine = this.byMember.get(memberId);
    if (!mine) return 0;
    for (const connection of mine) connection.send(message);
    return mine.size;
  }

  /** One heartbeat round: a socket that did not answer the previous ping is cut. */
  sweep(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        this.stats.deadPeers += 1;
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }

  /** Closes sockets that have followed no board for `socketIdleMs` (an idle socket only costs). */
  private closeIdle(): void {
    const now = Date.now();
    for (const connection of this.connections) {
      if (connection.subscriptionCount > 0) {
        this.idleSince.delete(connection);
        continue;
      }
      const since = this.idleSince.get(connection);
      if (since === undefined) this.idleSince.set(connection, now);
      else if (now - since >= this.ctx.config.limits.socketIdleMs) {
        this.stats.idleClosed += 1;
        this.idleSince.delete(connection);
        connection.close(IDLE_CLOSE.code, IDLE_CLOSE.reason);
      }
    }
  }

  /** Logout, token revocation: that person's sockets close and must not reconnect with it. */
  ended(ended: Ended): void {
    // Board access is re-checked by the board's feed when the change that ended it arrives.
    if ("boardAccess" in ended) return;
    for (const connection of [...this.connections]) {
      const actor = connection.actor;
      if (actor.kind !== "member") continue;
      const matches =
        "sessionHash" in ended
          ? actor.via === "session" && actor.sessionHash === ended.sessionHash
          : "tokenId" in ended
            ? actor.via === "token" && actor.tokenId === ended.tokenId
            : actor.memberId === ended.memberId;
      if (matches) connection.close(CloseCode.sessionEnded, "Your session ended: log in again");
    }
  }

  /** Stops accepting sockets and asks every client to reconnect (to another process). */
  close(): void {
    this.accepting = false;
    clearInterval(this.idleTimer);
    for (const connection of [...this.connections])
      connection.close(CloseCode.goingAway, "Server restarting: reconnect");
    this.wss.close();
  }

  /**
   * Asks every client connected now to reconnect, in spaced batches with 1001, while still
   * accepting sockets: through HAProxy each then lands on its board's worker (decision 0062). The
   * rolling restart's last step (SIGUSR2): a socket that moved while its own worker was drained
   * would otherwise stay away from it for as long as its tab stays open. Answers how many it asked.
   */
  async sendHome(batch: { size: number; intervalMs: number }): Promise<number> {
    const open = [...this.connections];
    await closeInBatches(
      open,
      (connection) => connection.close(RECONNECT_ELSEWHERE.code, RECONNECT_ELSEWHERE.reason),
      { batchSize: batch.size, intervalMs: batch.intervalMs, deadline: Number.POSITIVE_INFINITY },
    );
    return open.length;
  }

  /**
   * Graceful shutdown (an ops/lifecycle.ts drain hook): stops accepting sockets, closes the open
   * ones in spaced batches with 1001 "reconnect elsewhere" so their clients reconnect to the other
   * workers spread out, waits for them to go, and cuts what is left at the deadline.
   */
  async drain(deadline: number, batch: { size: number; intervalMs: number }): Promise<void> {
    this.accepting = false;
    clearInterval(this.idleTimer);
    await closeInBatches(
      [...this.connections],
      (connection) => connection.close(RECONNECT_ELSEWHERE.code, RECONNECT_ELSEWHERE.reason),
      { batchSize: batch.size, intervalMs: batch.intervalMs, deadline },
    );
    while (this.connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    this.terminateAll();
  }

  /** Cuts whatever is still open (after `close` gave them time to go). */
  terminateAll(): void {
    for (const connection of [...this.connections]) connection.socket.terminate();
    this.connections.clear();
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    const path = (request.url ?? "/").split("?")[0];
    if (path !== SOCKET_PATH || !this.accepting) {
      refuse(socket, path === SOCKET_PATH ? 503 : 404, "No socket here");
      return;
    }
    // Limits first: checking credentials costs a store lookup, and a refused socket costs nothing.
    const slot = this.caps.claim(clientAddress(request, this.trust));
    if (isRefusal(slot)) {
      this.stats.refused += 1;
      refuse(socket, slot.status, slot.reason);
      return;
    }
    socket.once("close", () => slot.release());
    admit(this.ctx, this.http, request).then(
      (admission) => {
        if (admission.kind === "refuse") return refuse(socket, admission.status, admission.reason);
        if (admission.kind === "admit" && admission.actor.kind === "anonymous") {
          const refusal = slot.markAnonymous();
          if (refusal) {
            this.stats.refused += 1;
            return refuse(socket, refusal.status, refusal.reason);
          }
        }
        this.wss.handleUpgrade(request, socket, head, (ws) => {
          if (admission.kind === "close") return ws.close(admission.code, admission.reason);
          const connection = new Connection(ws, socket, admission.actor, admission.credentials, {
            ...this.deps,
            turnWrites: this.turnWrites,
            onClose: (closed) => {
              this.connections.delete(closed);
              this.idleSince.delete(closed);
              const memberId = closed.memberId;
              const mine = memberId === null ? undefined : this.byMember.get(memberId);
              mine?.delete(closed);
              if (memberId !== null && mine?.size === 0) this.byMember.delete(memberId);
            },
            onTooSlow: () => {
              this.stats.tooSlow += 1;
            },
          });
          this.stats.opened += 1;
          this.connections.add(connection);
          this.idleSince.set(connection, Date.now());
          const memberId = connection.memberId;
          if (memberId !== null) {
            const mine = this.byMember.get(memberId) ?? new Set<Connection>();
            mine.add(connection);
            this.byMember.set(memberId, mine);
          }
        });
      },
      (error: unknown) => {
        this.deps.onError(error, "socket admission");
        refuse(socket, 503, "Cannot check your credentials now: retry");
      },
    );
  }
}

const REFUSALS: Record<number, { text: string; error: ErrorCode }> = {
  403: { text: "Forbidden", error: ErrorCode.forbidden },
  404: { text: "Not Found", error: ErrorCode.notFound },
  429: { text: "Too Many Requests", error: ErrorCode.rateLimited },
  503: { text: "Service Unavailable", error: ErrorCode.unavailable },
};

/** Answers an upgrade request with a plain HTTP error instead of a socket. */
function refuse(socket: Duplex, status: 403 | 404 | 429 | 503, reason: string): void {
  const { text, error } = REFUSALS[status]!;
  const body = JSON.stringify({ error, message: reason });
  const retry = status === 429 || status === 503 ? "Retry-After: 30\r\n" : "";
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\n${retry}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
