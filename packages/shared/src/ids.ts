// Trello-compatible identifiers. Ids are 24 hex digits in MongoDB ObjectId style: the first 8
// digits are the creation time in seconds, so ids sort roughly by age and clients that decode the
// timestamp (some Trello scripts do) keep working. The rest is random, never sequential, so an id
// reveals nothing about how many objects exist.

const HEX = "0123456789abcdef";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * Random bytes are drawn from the platform's CSPRNG 4 KiB at a time and handed out once each, as
 * Node's own randomUUID buffers its entropy: one draw per id cost a call into it (about 3.6 µs on
 * Node 24 here, measured) against 0.06 µs amortized, and every card move makes an id.
 */
const pool = new Uint8Array(4096);
let drawn = pool.length;

function randomBytes(count: number): Uint8Array {
  if (drawn + count > pool.length) {
    crypto.getRandomValues(pool);
    drawn = 0;
  }
  const bytes = pool.subarray(drawn, drawn + count);
  drawn += count;
  return bytes;
}

function randomChars(alphabet: string, count: number): string {
  // Used before anything else runs: the pool is refilled only by a later call.
  const bytes = randomBytes(count);
  let out = "";
  // 256 is a multiple of 16; for base62 the modulo bias (4/256) is irrelevant for short links.
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

function timeDigits(now: number): string {
  return Math.floor(now / 1000)
    .toString(16)
    .padStart(8, "0");
}

export function newId(now: number = Date.now()): string {
  return timeDigits(now) + randomChars(HEX, 16);
}

/**
 * Digits 8–11 of an id are its routing key. A board's are random, like the rest of its id; an
 * object made on a board (a list, card, checklist, label or action) copies the board's, so a
 * proxy can send `/1/cards/{id}` to the worker that serves the card's board without asking
 * anyone which board that is (decision 0063). Twelve random digits remain: 48 bits a second.
 */
export const ROUTING_KEY_DIGITS = { start: 8, length: 4 } as const;
const ROUTING_KEY_END = ROUTING_KEY_DIGITS.start + ROUTING_KEY_DIGITS.length;

/** A new id for an object of `board`: the board's routing key after the time, then random. */
export function newIdOnBoard(board: string, now: number = Date.now()): string {
  return timeDigits(now) + routingKey(board) + randomChars(HEX, 12);
}

/** The routing key of an id (what HAProxy hashes: deploy/haproxy.cfg). */
export function routingKey(id: string): string {
  return id.slice(ROUTING_KEY_DIGITS.start, ROUTING_KEY_END);
}

const ID_PATTERN = /^[0-9a-f]{24}$/;
export function isId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

/** The creation time encoded in an id, in milliseconds. */
export function idTime(id: string): number {
  return Number.parseInt(id.slice(0, 8), 16) * 1000;
}

/** Boards and cards have an 8-character short link usable in place of the id (`/b/{shortLink}`). */
export function newShortLink(): string {
  return randomChars(BASE62, 8);
}

const SHORT_LINK_PATTERN = /^[0-9A-Za-z]{8}$/;
export function isShortLink(value: unknown): value is string {
  return typeof value === "string" && SHORT_LINK_PATTERN.test(value);
}

/** Secrets (session ids, API tokens): 64 hex digits, like Trello's tokens. */
export function newSecret(): string {
  return randomChars(HEX, 64);
}

/** URL slug for board and card links: lower-case words joined by dashes. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug || "untitled";
}
