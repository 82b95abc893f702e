// Many WebSocket clients that behave like Tack's browser client: subscribe to a board with the
// cursor (epoch, seq) they last saw, and when the socket closes, reconnect after a random delay
// (spread wide after 1001 "reconnect elsewhere", capped exponential backoff after a crash) and
// resubscribe from that cursor. `current` tells whether a client has caught up with a board.
import WebSocket from "ws";

const SOCKET_PATH = "/1/socket";
const PROTOCOL_VERSION = 1;

export interface StormOptions {
  /** After close code 1001 (a draining worker), reconnect within this window. */
  goingAwaySpreadMs: number;
  /** First backoff after an abnormal close; doubles per failure, capped at `maxBackoffMs`. */
  firstBackoffMs: number;
  maxBackoffMs: number;
}

export class StormClient {
  readonly board: string;
  epoch = "";
  seq = -1;
  connects = 0;
  reloads = 0;
  gaps = 0;
  readonly closeCodes: number[] = [];
  private readonly url: string;
  private readonly options: StormOptions;
  private ws: WebSocket | null = null;
  private failures = 0;
  private stopped = false;
  private subscribed = false;

  constructor(base: string, token: string, board: string, options: StormOptions) {
    const url = new URL(SOCKET_PATH, base.replace(/^http/, "ws"));
    url.searchParams.set("v", String(PROTOCOL_VERSION));
    url.searchParams.set("token", token);
    this.url = url.toString();
    this.board = board;
    this.options = options;
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN && this.subscribed;
  }

  /** Connected, subscribed, and has seen every change up to `seq`. */
  current(epoch: string, seq: number): boolean {
    return this.open && this.epoch === epoch && this.seq >= seq;
  }

  connect(): void {
    if (this.stopped) return;
    this.subscribed = false;
    const ws = new WebSocket(this.url, { perMessageDeflate: false });
    this.ws = ws;
    ws.on("open", () => {
      this.connects++;
      this.failures = 0;
      const since = this.seq >= 0 ? { since: { epoch: this.epoch, seq: this.seq } } : {};
      ws.send(JSON.stringify({ type: "board.subscribe", board: this.board, ...since }));
    });
    ws.on("message", (data) => this.receive(JSON.parse(data.toString())));
    ws.on("error", () => undefined);
    ws.on("close", (code) => {
      if (this.ws !== ws) return;
      this.subscribed = false;
      this.closeCodes.push(code);
      if (this.stopped) return;
      const delay =
        code === 1001
          ? Math.random() * this.options.goingAwaySpreadMs
          : Math.min(this.options.maxBackoffMs, this.options.firstBackoffMs * 2 ** this.failures++) *
            (0.5 + Math.random() / 2);
      setTimeout(() => this.connect(), delay);
    });
  }

  private receive(message: any): void {
    switch (message.type) {
      case "board.subscribed":
        this.subscribed = true;
        if (message.epoch !== this.epoch) this.seq = -1;
        this.epoch = message.epoch;
        for (const change of message.catchUp) this.apply(change.seq);
        this.seq = Math.max(this.seq, message.seq);
        break;
      case "board.reload":
        // A real client reloads the board over HTTP; its seq is the snapshot's.
        this.reloads++;
        this.subscribed = true;
        this.epoch = message.epoch;
        this.seq = message.seq;
        break;
      case "board.change":
        if (message.epoch !== this.epoch) break;
        this.apply(message.change.seq);
        break;
      default:
        break;
    }
  }

  private apply(seq: number): void {
    if (seq <= this.seq) return;
    if (this.seq >= 0 && seq !== this.seq + 1) this.gaps++;
    this.seq = seq;
  }

  stop(): void {
    this.stopped = true;
    this.ws?.terminate();
  }
}
