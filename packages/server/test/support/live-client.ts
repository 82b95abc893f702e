// A client that keeps a board replica current over a WebSocket the way the web client does:
// subscribe with its cursor, apply the catch-up, then every push; after a disconnect, reconnect
// (to any process) and subscribe again from where it stands. It also writes over the socket.

import { newId } from "@tack/shared/ids";
import type { ServerMessage } from "@tack/shared/protocol";
import { BoardReplica } from "./board-replica.ts";
import { SocketClient } from "./socket-client.ts";

export interface MutationAnswer {
  ok: boolean;
  status: number;
  body: unknown;
}

export class LiveClient {
  readonly replica: BoardReplica;
  readonly token: string;
  socket: SocketClient | null = null;
  /** Problems the server should never cause: gaps, reloads, unexpected errors. */
  readonly problems: string[] = [];
  private readonly answers = new Map<string, (answer: MutationAnswer) => void>();
  private subscribed: Promise<void> | null = null;

  constructor(board: string, token: string) {
    this.replica = new BoardReplica(board);
    this.token = token;
  }

  get connected(): boolean {
    return this.socket !== null;
  }

  async connect(url: string): Promise<void> {
    const socket = await SocketClient.open(url, { token: this.token });
    this.socket = socket;
    let ready: () => void = () => undefined;
    this.subscribed = new Promise((resolve) => {
      ready = resolve;
    });
    socket.ws.on("message", (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      socket.received.length = 0; // this client consumes frames itself
      this.handle(message, ready);
    });
    socket.ws.on("close", () => {
      if (this.socket === socket) this.socket = null;
      ready();
      for (const [id, answer] of this.answers) {
        this.answers.delete(id);
        answer({ ok: false, status: 0, body: "disconnected" });
      }
    });
    socket.send({
      type: "board.subscribe",
      board: this.replica.board,
      since: { epoch: this.replica.epoch, seq: this.replica.seq },
    });
    await this.subscribed;
  }

  async disconnect(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (socket) await socket.close();
  }

  /** Sends a write over the socket; `id` lets a test replay the same mutation. */
  mutate(
    method: "POST" | "PUT" | "DELETE",
    path: string,
    body: Record<string, unknown>,
    id: string = newId(),
  ): Promise<MutationAnswer> {
    const socket = this.socket;
    if (!socket) return Promise.resolve({ ok: false, status: 0, body: "not connected" });
    return new Promise((resolve) => {
      this.answers.set(id, resolve);
      socket.send({ type: "mutation", id, method, path, body });
    });
  }

  private handle(message: ServerMessage, ready: () => void): void {
    switch (message.type) {
      case "hello":
      case "pong":
        return;
      case "board.subscribed":
        this.replica.epoch = message.epoch;
        for (const change of message.catchUp)
          if (!this.replica.apply(change)) this.problems.push(`catch-up gap before ${change.seq}`);
        ready();
        return;
      case "board.change":
        this.replica.epoch = message.epoch;
        if (!this.replica.apply(message.change))
          this.problems.push(`push gap: at ${this.replica.seq}, got ${message.change.seq}`);
        return;
      case "board.reload":
        this.problems.push(`reload at ${message.seq}`);
        ready();
        return;
      case "board.revoked":
        this.problems.push("revoked");
        return;
      case "mutation.ack":
      case "mutation.reject": {
        const answer = this.answers.get(message.id);
        this.answers.delete(message.id);
        answer?.({
          ok: message.type === "mutation.ack",
          status: message.status,
          body: message.type === "mutation.ack" ? message.body : message.error,
        });
        return;
      }
      case "error":
        this.problems.push(`error frame: ${message.error.message}`);
        ready();
        return;
    }
  }
}
