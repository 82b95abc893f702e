// A test's WebSocket client: opens a real socket to a Tack server (token, cookie or anonymous),
// queues every server frame, and lets a test wait for the frame it expects.
import type { ServerMessage } from "@tack/shared/protocol";
import { PROTOCOL_VERSION, SOCKET_PATH } from "@tack/shared/protocol";
import WebSocket from "ws";

export interface OpenOptions {
  token?: string;
  cookie?: string;
  origin?: string;
  /** Protocol version sent in the query; null sends none. */
  version?: string | null;
  /** Answer pings automatically (false: a dead peer). */
  autoPong?: boolean;
}

export interface Closed {
  code: number;
  reason: string;
}

export class SocketClient {
  readonly ws: WebSocket;
  readonly received: ServerMessage[] = [];
  /** Frames that came as binary: the protocol's are all text (JSON), so a browser gets strings. */
  binaryFrames = 0;
  readonly closed: Promise<Closed>;
  private readonly waiters = new Set<() => void>();

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on("message", (data, isBinary) => {
      if (isBinary) this.binaryFrames += 1;
      this.received.push(JSON.parse(data.toString()) as ServerMessage);
      for (const wake of [...this.waiters]) wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of [...this.waiters]) wake();
      });
    });
    ws.on("error", () => undefined);
  }

  static url(base: string, options: OpenOptions = {}): string {
    const url = new URL(SOCKET_PATH, base.replace(/^http/, "ws"));
    const version = options.version === undefined ? String(PROTOCOL_VERSION) : options.version;
    if (version !== null) url.searchParams.set("v", version);
    if (options.token) url.searchParams.set("token", options.token);
    return url.toString();
  }

  /** Opens a socket and waits for the server's hello (or the close that refuses it). */
  static async open(base: string, options: OpenOptions = {}): Promise<SocketClient> {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    if (options.origin) headers.origin = options.origin;
    const ws = new WebSocket(SocketClient.url(base, options), {
      headers,
      autoPong: options.autoPong ?? true,
    });
    const client = new SocketClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("unexpected-response", (_request, response) =>
        reject(new Error(`refused with HTTP ${response.statusCode}`)),
      );
      ws.once("error", reject);
    });
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** The first queued frame that matches (removed from the queue), waiting up to `ms` for it. */
  async next<T extends ServerMessage["type"]>(
    type: T,
    match: (message: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    ms = 5_000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = this.received.findIndex(
        (m) => m.type === type && match(m as Extract<ServerMessage, { type: T }>),
      );
      if (index >= 0) return this.received.splice(index, 1)[0] as Extract<ServerMessage, { type: T }>;
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`socket closed while waiting for ${type}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no ${type} within ${ms} ms; got ${JSON.stringify(this.received.map((m) => m.type))}`,
        );
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** Frames of one type received and not yet taken. */
  pending<T extends ServerMessage["type"]>(type: T): Array<Extract<ServerMessage, { type: T }>> {
    return this.received.filter((m) => m.type === type) as Array<Extract<ServerMessage, { type: T }>>;
  }

  close(): Promise<Closed> {
    this.ws.close();
    return this.closed;
  }
}
