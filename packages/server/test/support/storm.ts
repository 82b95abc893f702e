// Many WebSocket clients that behave like Tack's browser client: subscribe to a board with the
// cursor (epoch, seq) they last saw, and when the socket closes, reconnect after a random delay
// (spread wide after 1001 "reconnect elsewhere", capped exponential backoff after a crash) and
// resubscribe from that cursor. `waitAllCurrent` waits until every client has caught up.
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
  /** Connection attempts, successful or not. */
  attempts = 0;
  /** When each subscription was confirmed (epoch ms). */
  readonly subscribedAt: number[] = [];
  reloads = 0;
  gaps = 0;
  /** The worker that said hello on the current socket. */
  instance = "";
  readonly closeCodes: number[] = [];
  /** When each close happened (epoch ms), beside its code. */
  readonly closedAt: number[] = [];
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
    // As the web client's socket does: HAProxy routes it to the board's worker (decision 0062).
    url.searchParams.set("board", board);
    this.url = url.toString();
    this.board = board;
    this.options = options;
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN && this.subscribed;
  }

  connect(): void {
    if (this.stopped) return;
    this.subscribed = false;
    this.attempts++;
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
      this.closedAt.push(Date.now());
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
      case "hello":
        this.instance = message.instance;
        break;
      case "board.subscribed":
        this.subscribed = true;
        this.subscribedAt.push(Date.now());
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
        // A new epoch (Redis lost its lists) does not break the board's seq order.
        this.epoch = message.epoch;
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

  /** Stays connected but will not reconnect after the next close. */
  hold(): void {
    this.stopped = true;
  }

  stop(): void {
    this.stopped = true;
    this.ws?.terminate();
  }
}

/** The board's latest seq and epoch, as a snapshot read reports them. */
export async function boardHead(
  base: string,
  token: string,
  board: string,
): Promise<{ epoch: string; seq: number }> {
  const res = await fetch(`${base}/1/boards/${board}?key=${"0".repeat(32)}&token=${token}`);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`board read: ${res.status}`);
  return { epoch: res.headers.get("x-tack-epoch") ?? "", seq: Number(res.headers.get("x-tack-seq")) };
}

/** Waits until every client is connected and has every change of its board; returns the ms it took. */
export async function waitAllCurrent(
  base: string,
  clients: StormClient[],
  tokenOf: (board: string) => string,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  const boards = [...new Set(clients.map((c) => c.board))];
  for (;;) {
    const heads = new Map<string, { epoch: string; seq: number }>();
    for (const board of boards) heads.set(board, await boardHead(base, tokenOf(board), board));
    const behind = clients.filter((c) => {
      const head = heads.get(c.board)!;
      return !(c.open && c.seq >= head.seq);
    });
    if (behind.length === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      const sample = behind[0]!;
      throw new Error(
        `${behind.length} of ${clients.length} clients not current after ${timeoutMs} ms (e.g. open=${sample.open} seq=${sample.seq} head=${JSON.stringify(heads.get(sample.board))})`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
