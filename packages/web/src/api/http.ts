// Every request the web client makes goes through here: it adds the CSRF header to writes, turns
// error responses into ApiError (with the server's stable code), and reports an expired session
// once, so the app can say so instead of failing each request on its own.
import type { ErrorBody, ErrorCode } from "@tack/shared/errors";
import { BOARD_ROUTING_HEADER } from "@tack/shared/protocol-constants";

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | "network";
  readonly field: string | undefined;
  constructor(status: number, body: Partial<ErrorBody>, fallback: string) {
    super(body.message ?? fallback);
    this.name = "ApiError";
    this.status = status;
    this.code = body.error ?? (status === 0 ? "network" : "internal");
    this.field = body.field;
  }
}

/** A write's answer when it travelled over the socket. */
export type TunnelAnswer =
  | { ok: true; status: number; body: unknown }
  | { ok: false; status: number; error: ErrorBody };

/**
 * A way to send API writes besides HTTP (the open board's live socket). `send` rejects with
 * TunnelLost when it cannot carry the write (no live socket, no answer): HTTP carries it then.
 */
export interface WriteTransport {
  send(id: string, method: Method, path: string, body: unknown): Promise<TunnelAnswer>;
}

/** A refusal that did not apply the write and asks for it again (the server was restarting). */
export function isRetryable(answer: TunnelAnswer): boolean {
  return !answer.ok && answer.status === 503 && answer.error.error === "unavailable";
}

/** The socket closed (or stayed silent) before answering: the write is retried over HTTP. */
export class TunnelLost extends Error {}

/**
 * The transport the app's client tries first: whichever the open board hands it (model/
 * open-board.ts `liveWrites.use(feed)`), none while no board is open.
 */
export class SwitchableTransport implements WriteTransport {
  private current: WriteTransport | null = null;

  use(transport: WriteTransport): void {
    this.current = transport;
  }

  /** Stops using `transport` (if it is still the one in use). */
  release(transport: WriteTransport): void {
    if (this.current === transport) this.current = null;
  }

  send(id: string, method: Method, path: string, body: unknown): Promise<TunnelAnswer> {
    if (!this.current) return Promise.reject(new TunnelLost("no live socket"));
    return this.current.send(id, method, path, body);
  }
}

let csrfToken: string | null = null;
let routingBoard: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Names the open board on every request from now on (null: none open), so that HAProxy sends
 * them to the worker that holds that board and serves its socket (decision 0062).
 */
export function routeByBoard(id: string | null): void {
  routingBoard = id;
}

/** False after a reload while offline: the session probe has not answered yet. */
export function hasCsrfToken(): boolean {
  return csrfToken !== null;
}

/** Called when an authenticated request answers 401: the session ended on the server. */
export function onSessionExpired(handler: () => void): void {
  onUnauthenticated = handler;
}

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface RequestOptions {
  /** Auth calls (login, session probe) expect 401 as an answer, not as an expired session. */
  expectUnauthenticated?: boolean;
  signal?: AbortSignal;
}

export interface HttpClientOptions {
  /** Tried first for API writes (`/1/…`); HTTP carries what it cannot, with the same mutation id. */
  writes?: WriteTransport;
}

export type RequestFn = <T>(
  method: Method,
  path: string,
  body?: unknown,
  options?: RequestOptions,
) => Promise<T>;

/** One API write as it travels: replayable as it is, with the same mutation id, after a reload. */
export interface ApiWrite {
  id: string;
  method: Method;
  path: string;
  body: unknown;
}

let interceptor: ((write: ApiWrite) => Promise<unknown>) | null = null;

/**
 * Runs `run` and hands the first API write it starts (synchronously) to `route` instead of the
 * network: the outbox (model/outbox.ts) decides when it travels. `route`'s answer is the write's.
 */
export function interceptWrite<T>(
  route: (write: ApiWrite) => Promise<unknown>,
  run: () => Promise<T>,
): Promise<T> {
  const previous = interceptor;
  interceptor = route;
  try {
    return run();
  } finally {
    interceptor = previous;
  }
}

/** An HTTP client of Tack's API whose write transport is given, not installed. */
export function createHttpClient(client: HttpClientOptions = {}): RequestFn {
  return <T>(method: Method, path: string, body?: unknown, options?: RequestOptions): Promise<T> => {
    if (interceptor && method !== "GET" && path.startsWith("/1/")) {
      const route = interceptor;
      interceptor = null;
      return route({ id: mutationId(), method, path, body }) as Promise<T>;
    }
    return send<T>(client, method, path, body, options);
  };
}

/** Sends a write with the mutation id it already has (a retry is applied once by the server). */
export function sendWrite(write: ApiWrite): Promise<unknown> {
  return send({ writes: liveWrites }, write.method, write.path, write.body, {}, write.id);
}

async function send<T>(
  client: HttpClientOptions,
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
  givenId?: string,
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (routingBoard) headers[BOARD_ROUTING_HEADER] = routingBoard;
  if (method !== "GET") {
    if (csrfToken) headers["x-csrf-token"] = csrfToken;
    // Lets the server apply a retried write once, whichever way each attempt travelled.
    const id = givenId ?? mutationId();
    headers["x-tack-mutation-id"] = id;
    if (client.writes && path.startsWith("/1/")) {
      try {
        const answer = await client.writes.send(id, method, path, body);
        if (answer.ok) return answer.body as T;
        if (answer.status === 401) onUnauthenticated?.();
        // The socket's server is restarting and did not apply it: send it again over HTTP (to a
        // worker that serves), with the same mutation id so it is applied once.
        if (!isRetryable(answer))
          throw new ApiError(answer.status, answer.error, `${method} ${path} failed (${answer.status})`);
      } catch (error) {
        if (!(error instanceof TunnelLost)) throw error;
      }
    }
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, {}, "Cannot reach the server: check your connection.");
  }
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    if (response.status === 401 && !options.expectUnauthenticated) onUnauthenticated?.();
    const errorBody = (parsed && typeof parsed === "object" ? parsed : {}) as Partial<ErrorBody>;
    throw new ApiError(response.status, errorBody, `${method} ${path} failed (${response.status})`);
  }
  return parsed as T;
}

function mutationId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** What the open board's live socket offers to carry writes through (see SwitchableTransport). */
export const liveWrites = new SwitchableTransport();
/** The app's client: writes over the open board's socket when it is live, else over HTTP. */
export const request: RequestFn = createHttpClient({ writes: liveWrites });

export const get = <T>(path: string, options?: RequestOptions): Promise<T> =>
  request<T>("GET", path, undefined, options);
export const post = <T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> =>
  request<T>("POST", path, body ?? {}, options);
export const put = <T>(path: string, body?: unknown): Promise<T> => request<T>("PUT", path, body ?? {});
export const del = <T>(path: string): Promise<T> => request<T>("DELETE", path);

/** Whether a failed request may succeed if sent again: no answer, or the server busy or restarting. */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 502);
}

/** Waits between a read's attempts: a blip (a restarting worker, a dropped connection) passes. */
const READ_RETRY_DELAYS_MS = [250, 1_000, 3_000];

/**
 * A read asked again after transient failures, for views that read once when they open (a card's
 * history): one failed answer must not leave them empty for as long as they stay open.
 */
export async function getPatiently<T>(path: string): Promise<T> {
  for (const delay of READ_RETRY_DELAYS_MS) {
    try {
      return await get<T>(path);
    } catch (error) {
      if (!isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return get<T>(path);
}

/** Query strings from plain objects, skipping undefined values. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * A multipart write (file uploads, imports). XMLHttpRequest rather than fetch because it reports
 * upload progress; same CSRF header, mutation id and error shape as `request`.
 */
export function sendForm<T>(
  path: string,
  form: FormData,
  onProgress?: (fraction: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("accept", "application/json");
    if (csrfToken) xhr.setRequestHeader("x-csrf-token", csrfToken);
    if (routingBoard) xhr.setRequestHeader(BOARD_ROUTING_HEADER, routingBoard);
    xhr.setRequestHeader("x-tack-mutation-id", mutationId());
    if (onProgress) xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, {}, "Cannot reach the server: check your connection."));
    xhr.onload = () => {
      const parsed = xhr.responseText ? safeJson(xhr.responseText) : null;
      if (xhr.status >= 200 && xhr.status < 300) return resolve(parsed as T);
      if (xhr.status === 401) onUnauthenticated?.();
      const body = (parsed && typeof parsed === "object" ? parsed : {}) as Partial<ErrorBody>;
      reject(new ApiError(xhr.status, body, `POST ${path} failed (${xhr.status})`));
    };
    xhr.send(form);
  });
}
