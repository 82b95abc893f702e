// The one module that moves changes from the server into a board's cache: a WebSocket
// subscription (protocol v1, shared/protocol.ts) with a polling fallback, and catch-up after
// gaps, reconnects and offline spells. Nothing a client should have seen is skipped: a change that
// does not follow the cache's sequence number triggers a catch-up by HTTP, and a cursor the server
// can no longer serve reloads the board.

import type { BoardChange } from "@tack/shared/changes";
import type { ServerMessage } from "@tack/shared/protocol";
import {
  BOARD_ROUTING_PARAMETER,
  CloseCode,
  PROTOCOL_VERSION,
  SOCKET_PATH,
} from "@tack/shared/protocol-constants";
import { type Method, type TunnelAnswer, TunnelLost, type WriteTransport } from "../api/http.ts";
import { fetchChanges } from "../api/trello.ts";
import { notificationPushed } from "../notifications/notifications.ts";
import { connectionState } from "./connection-state.ts";

export interface FeedSink {
  readonly id: string;
  /** Where the cache stands. */
  cursor(): { epoch: string | null; seq: number };
  setEpoch(epoch: string): void;
  /** Applies one change; false when it is not the next one. */
  apply(change: BoardChange): boolean;
  /** Load the board afresh: history the cache needs is gone. */
  reload(): Promise<void>;
  /** Everything committed up to now has been applied. */
  synced(): void;
  /** Read access ended (removed from the board, board deleted). */
  revoked(): void;
  sessionEnded(): void;
}

const POLL_ACTIVE_MS = 2_000;
const POLL_IDLE_MS = 10_000;
const IDLE_AFTER_MS = 60_000;
const HEARTBEAT_MS = 25_000;
const HEARTBEAT_TIMEOUT_MS = 10_000;
/** Failed socket attempts in a row before settling into polling mode. */
const SOCKET_FAILURES_BEFORE_POLLING = 2;
const SOCKET_RETRY_WHILE_POLLING_MS = 30_000;
const MAX_BACKOFF_MS = 10_000;
/** A write sent over the socket without an answer by then is retried over HTTP (same mutation id). */
const MUTATION_TIMEOUT_MS = 10_000;

interface PendingWrite {
  resolve: (answer: TunnelAnswer) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Also the transport for the board's writes while its socket is subscribed (`send`). */
export class BoardFeed implements WriteTransport {
  private socket: WebSocket | null = null;
  private failures = 0;
  private stopped = false;
  private subscribed = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private lastMessageAt = 0;
  private lastActivityAt = Date.now();
  private catchingUp: Promise<void> | null = null;
  private readonly pendingWrites = new Map<string, PendingWrite>();
  private readonly sink: FeedSink;

  constructor(sink: FeedSink) {
    this.sink = sink;
  }

  start(): void {
    if (this.stopped) return; // the board was closed before its feed started
    addEventListener("online", this.onOnline);
    addEventListener("offline", this.onOffline);
    for (const type of ["pointerdown", "keydown", "focus"]) addEventListener(type, this.onActivity);
    if (!navigator.onLine) {
      connectionState.value = "offline";
      return;
    }
    connectionState.value = "connecting";
    this.openSocket();
  }

  stop(): void {
    this.stopped = true;
    removeEventListener("online", this.onOnline);
    removeEventListener("offline", this.onOffline);
    for (const type of ["pointerdown", "keydown", "focus"]) removeEventListener(type, this.onActivity);
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.pollTimer);
    clearInterval(this.heartbeatTimer);
    this.closeSocket();
  }

  /** Fetch whatever is missing now (after a gap, or when a write answered before its change). */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.pullChanges().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  // --- socket ---

  private openSocket(): void {
    if (this.stopped || this.socket) return;
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    let socket: WebSocket;
    try {
      // The board on the URL is for HAProxy: the socket goes to the worker that holds this board.
      const route = `${BOARD_ROUTING_PARAMETER}=${encodeURIComponent(this.sink.id)}`;
      socket = new WebSocket(`${scheme}://${location.host}${SOCKET_PATH}?v=${PROTOCOL_VERSION}&${route}`);
    } catch {
      this.socketFailed();
      return;
    }
    this.socket = socket;
    this.subscribed = false;
    socket.onopen = () => {
      const { epoch, seq } = this.sink.cursor();
      const since = epoch === null ? undefined : { epoch, seq };
      socket.send(
        JSON.stringify({ type: "board.subscribe", board: this.sink.id, ...(since ? { since } : {}) }),
      );
      this.lastMessageAt = Date.now();
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = setInterval(() => this.heartbeat(), HEARTBEAT_MS);
    };
    socket.onmessage = (event) => {
      this.lastMessageAt = Date.now();
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      void this.onMessage(message);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.dropTunnel();
      clearInterval(this.heartbeatTimer);
      if (this.stopped) return;
      if (event.code === CloseCode.sessionEnded || event.code === CloseCode.unauthenticated) {
        this.sink.sessionEnded();
        return;
      }
      if (this.subscribed) {
        // It worked before: a blip. Reconnect soon; poll meanwhile so nothing waits on us.
        this.failures = 0;
        this.subscribed = false;
        if (navigator.onLine) connectionState.value = "reconnecting";
        this.schedulePoll(0);
        this.scheduleReconnect(300 + Math.random() * 700);
      } else {
        this.socketFailed();
      }
    };
  }

  private socketFailed(): void {
    this.failures++;
    this.socket = null;
    if (!navigator.onLine) return;
    if (this.failures >= SOCKET_FAILURES_BEFORE_POLLING) {
      connectionState.value = "polling";
      this.schedulePoll(0);
      this.scheduleReconnect(SOCKET_RETRY_WHILE_POLLING_MS);
    } else {
      connectionState.value = "reconnecting";
      this.schedulePoll(0);
      this.scheduleReconnect(Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.failures) * (0.5 + Math.random()));
    }
  }

  // --- writes over the socket ---

  /** Sends a write as a `mutation` frame; rejects with TunnelLost when the socket cannot carry it. */
  readonly send = (id: string, method: Method, path: string, body: unknown): Promise<TunnelAnswer> =>
    new Promise((resolve, reject) => {
      const socket = this.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN || !this.subscribed) {
        reject(new TunnelLost("no live socket"));
        return;
      }
      const timer = setTimeout(() => {
        this.pendingWrites.delete(id);
        reject(new TunnelLost("no answer over the socket"));
      }, MUTATION_TIMEOUT_MS);
      this.pendingWrites.set(id, { resolve, reject, timer });
      const frame = {
        type: "mutation",
        id,
        method,
        path,
        ...(body && typeof body === "object" ? { body } : {}),
      };
      socket.send(JSON.stringify(frame));
    });

  private settleWrite(id: string, answer: TunnelAnswer): void {
    const pending = this.pendingWrites.get(id);
    if (!pending) return;
    this.pendingWrites.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(answer);
  }

  /** The socket is gone: unanswered writes go over HTTP instead (the server applies each once). */
  private dropTunnel(): void {
    for (const [id, pending] of this.pendingWrites) {
      clearTimeout(pending.timer);
      pending.reject(new TunnelLost(`socket closed before answering ${id}`));
    }
    this.pendingWrites.clear();
  }

  private scheduleReconnect(delay: number): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.openSocket(), delay);
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = null;
    this.subscribed = false;
    this.dropTunnel();
    clearInterval(this.heartbeatTimer);
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(CloseCode.normal);
  }

  private heartbeat(): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    if (Date.now() - this.lastMessageAt > HEARTBEAT_MS + HEARTBEAT_TIMEOUT_MS) {
      socket.close(); // dead peer: onclose reconnects
      return;
    }
    socket.send(JSON.stringify({ type: "ping" }));
  }

  private async onMessage(message: ServerMessage): Promise<void> {
    switch (message.type) {
      case "hello":
      case "pong":
        return;
      case "mutation.ack":
        this.settleWrite(message.id, { ok: true, status: message.status, body: message.body });
        return;
      case "mutation.reject":
        this.settleWrite(message.id, { ok: false, status: message.status, error: message.error });
        return;
      case "board.subscribed": {
        if (message.board !== this.sink.id) return;
        this.subscribed = true;
        this.failures = 0;
        clearTimeout(this.pollTimer);
        clearTimeout(this.reconnectTimer);
        connectionState.value = "live";
        // A new epoch is no reason to reload: the server answers an old cursor from its durable
        // log, and says `board.reload` when it cannot.
        this.sink.setEpoch(message.epoch);
        for (const change of message.catchUp) this.sink.apply(change);
        if (this.sink.cursor().seq < message.seq) await this.catchUp();
        this.sink.synced();
        return;
      }
      case "board.reload":
        if (message.board !== this.sink.id) return;
        this.sink.setEpoch(message.epoch);
        await this.sink.reload();
        return;
      case "board.change":
        if (message.change.board !== this.sink.id) return;
        if (!this.sink.apply(message.change)) {
          await this.catchUp();
          this.sink.apply(message.change);
        }
        this.sink.synced();
        return;
      case "board.revoked":
        if (message.board === this.sink.id) this.sink.revoked();
        return;
      case "notification":
        notificationPushed(message.notification, message.unread);
        return;
      case "error":
        return;
      default: {
        const unknown: never = message;
        void unknown;
      }
    }
  }

  // --- polling ---

  private schedulePoll(delay: number): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(), delay);
  }

  private async poll(): Promise<void> {
    if (this.stopped || this.subscribed || !navigator.onLine) return;
    try {
      await this.catchUp();
      if (connectionState.value === "offline") connectionState.value = "polling";
    } catch {
      // A failed poll is retried on the next tick; the socket attempts continue separately.
    }
    const idle = document.hidden || Date.now() - this.lastActivityAt > IDLE_AFTER_MS;
    this.schedulePoll(idle ? POLL_IDLE_MS : POLL_ACTIVE_MS);
  }

  private async pullChanges(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      const { epoch, seq } = this.sink.cursor();
      const answer = await fetchChanges(this.sink.id, seq, epoch);
      if (answer.reload) {
        this.sink.setEpoch(answer.epoch);
        await this.sink.reload();
        return;
      }
      this.sink.setEpoch(answer.epoch);
      const changes = answer.changes ?? [];
      for (const change of changes) {
        if (!this.sink.apply(change)) {
          await this.sink.reload();
          return;
        }
      }
      if (changes.length === 0 || this.sink.cursor().seq >= answer.seq) {
        this.sink.synced();
        return;
      }
    }
  }

  // --- browser events ---

  private readonly onOnline = (): void => {
    this.failures = 0;
    connectionState.value = "reconnecting";
    clearTimeout(this.reconnectTimer);
    this.openSocket();
    this.schedulePoll(0);
  };

  private readonly onOffline = (): void => {
    connectionState.value = "offline";
    clearTimeout(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    this.closeSocket();
  };

  private readonly onActivity = (): void => {
    const wasIdle = Date.now() - this.lastActivityAt > IDLE_AFTER_MS;
    this.lastActivityAt = Date.now();
    if (wasIdle && !this.subscribed && connectionState.value === "polling") this.schedulePoll(0);
  };
}
