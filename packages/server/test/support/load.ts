// A steady load of board reads and card moves through the front door, the way many API clients
// would send it, with the bookkeeping the fault tests need: every failed request, every
// acknowledged move, and latencies with timestamps (p99 before vs during a restart).
//
// Each virtual client owns one board with two lists and a few cards, and moves its cards back and
// forth. A move carries a fresh X-Tack-Mutation-Id; on a network error or a 502/503/504 the
// client sends the same move again with the same id (the server applies it once). After the run,
// `verify` checks that every acknowledged move is in the database exactly once.
import { setTimeout as sleep } from "node:timers/promises";

export interface LoadClient {
  username: string;
  token: string;
  boardId: string;
  lists: [string, string];
  /** Card id → the list its last acknowledged move put it in. */
  cards: Map<string, string>;
  ackedMoves: number;
}

export interface Sample {
  /** When the operation started (ms since the run began). */
  at: number;
  ms: number;
  kind: "read" | "move";
  ok: boolean;
  attempts: number;
  /** What the last retried attempt got (status and body, or the network error), when one was. */
  retried?: string;
}

const KEY = "0".repeat(32);
const RETRYABLE = new Set([502, 503, 504]);
const MAX_ATTEMPTS = 6;

async function api(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const url = `${base}${path}${path.includes("?") ? "&" : "?"}key=${KEY}&token=${token}`;
  const res = await fetch(url, {
    method,
    headers: { ...(body !== undefined && { "content-type": "application/json" }), ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, body: json };
}

async function must(base: string, token: string, method: string, path: string, body?: unknown) {
  const res = await api(base, token, method, path, body);
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Signs up `count` people (needs a high TACK_AUTH_RATE_LIMIT), each with a board to work on. */
export async function prepareClients(
  base: string,
  count: number,
  cardsEach = 4,
  tag = "load",
): Promise<LoadClient[]> {
  const clients: LoadClient[] = [];
  for (let i = 0; i < count; i++) {
    const username = `${tag}${i}${Math.random().toString(36).slice(2, 7)}`;
    const signup = await fetch(`${base}/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        username,
        email: `${username}@example.test`,
        password: "correct horse battery",
        fullName: username,
      }),
    });
    if (signup.status !== 200) throw new Error(`signup: ${signup.status} ${await signup.text()}`);
    const cookie = (signup.headers.get("set-cookie") ?? "").split(";")[0]!;
    const { csrfToken } = (await signup.json()) as { csrfToken: string };
    const tokenRes = await fetch(`${base}/1/members/me/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
      body: JSON.stringify({ name: "load" }),
    });
    const { token } = (await tokenRes.json()) as { token: string };
    const board = await must(base, token, "POST", "/1/boards", { name: `Load ${i}`, defaultLists: false });
    const a = await must(base, token, "POST", "/1/lists", { name: "A", idBoard: board.id });
    const b = await must(base, token, "POST", "/1/lists", { name: "B", idBoard: board.id });
    const cards = new Map<string, string>();
    for (let c = 0; c < cardsEach; c++) {
      const card = await must(base, token, "POST", "/1/cards", { name: `Card ${c}`, idList: a.id });
      cards.set(card.id, a.id);
    }
    clients.push({ username, token, boardId: board.id, lists: [a.id, b.id], cards, ackedMoves: 0 });
  }
  return clients;
}

export interface LoadOptions {
  /** Share of operations that are board reads (the rest are card moves). */
  readShare: number;
  /** Requests each client keeps in flight (1: strictly one after the other). */
  perClient?: number;
  /**
   * Moves name their board in X-Tack-Board, as the web client's requests do, so that HAProxy sends
   * all of a board's requests to one worker (decision 0062); without it moves go round robin.
   */
  namesBoard?: boolean;
}

export class Load {
  readonly samples: Sample[] = [];
  readonly failures: string[] = [];
  private readonly base: string;
  private readonly clients: LoadClient[];
  private readonly options: LoadOptions;
  private running = false;
  private loops: Promise<void>[] = [];
  private startedAt = 0;

  constructor(base: string, clients: LoadClient[], options: LoadOptions) {
    this.base = base;
    this.clients = clients;
    this.options = options;
  }

  /** Milliseconds since the run started (to mark events like "restart began"). */
  now(): number {
    return performance.now() - this.startedAt;
  }

  start(): void {
    this.running = true;
    this.startedAt = performance.now();
    this.loops = this.clients.map((client) => this.loop(client));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(client: LoadClient): Promise<void> {
    const cardIds = [...client.cards.keys()];
    let turn = 0;
    while (this.running) {
      turn++;
      if (Math.random() < this.options.readShare) await this.read(client);
      else await this.move(client, cardIds[turn % cardIds.length]!);
    }
  }

  /** Sends one operation, again on network errors and 502/503/504, like a careful client. */
  private async attempt(
    kind: Sample["kind"],
    send: () => Promise<{ status: number; body: any }>,
  ): Promise<{ status: number; body: any } | null> {
    const at = this.now();
    let last = "";
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        const res = await send();
        if (!RETRYABLE.has(res.status)) {
          const ok = res.status === 200;
          this.samples.push({
            at,
            ms: this.now() - at,
            kind,
            ok,
            attempts: attempt,
            ...(attempt > 1 && { retried: last }),
          });
          if (!ok) this.failures.push(`${kind}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          return ok ? res : null;
        }
        last = `status ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`;
      } catch (error) {
        last = String((error as Error).cause ?? error);
      }
      await sleep(50 * 2 ** (attempt - 1));
    }
    this.samples.push({ at, ms: this.now() - at, kind, ok: false, attempts: MAX_ATTEMPTS });
    this.failures.push(`${kind}: gave up after ${MAX_ATTEMPTS} attempts (${last})`);
    return null;
  }

  private async read(client: LoadClient): Promise<void> {
    await this.attempt("read", () =>
      api(this.base, client.token, "GET", `/1/boards/${client.boardId}?lists=open&cards=open`),
    );
  }

  private async move(client: LoadClient, cardId: string): Promise<void> {
    const from = client.cards.get(cardId)!;
    const to = from === client.lists[0] ? client.lists[1] : client.lists[0];
    const mutationId = `m${crypto.randomUUID().replaceAll("-", "")}`;
    const res = await this.attempt("move", () =>
      api(
        this.base,
        client.token,
        "PUT",
        `/1/cards/${cardId}`,
        { idList: to, pos: "bottom" },
        {
          "x-tack-mutation-id": mutationId,
          ...(this.options.namesBoard && { "x-tack-board": client.boardId }),
        },
      ),
    );
    if (res) {
      client.cards.set(cardId, to);
      client.ackedMoves++;
    }
  }
}

/** Every acknowledged move is in the database, exactly once: returns the problems found. */
export async function verify(base: string, clients: LoadClient[]): Promise<string[]> {
  const problems: string[] = [];
  for (const client of clients) {
    for (const [cardId, listId] of client.cards) {
      const card = await must(base, client.token, "GET", `/1/cards/${cardId}`);
      if (card.idList !== listId)
        problems.push(
          `${client.username}: card ${cardId} is in ${card.idList}, last acknowledged move put it in ${listId}`,
        );
    }
    let moves = 0;
    let before = "";
    for (;;) {
      const page: any[] = await must(
        base,
        client.token,
        "GET",
        `/1/boards/${client.boardId}/actions?filter=updateCard&limit=1000${before ? `&before=${before}` : ""}`,
      );
      moves += page.filter((a) => a.data?.listAfter).length;
      if (page.length < 1000) break;
      before = page[page.length - 1].id;
    }
    if (moves !== client.ackedMoves)
      problems.push(`${client.username}: ${client.ackedMoves} moves acknowledged, ${moves} recorded`);
  }
  return problems;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
