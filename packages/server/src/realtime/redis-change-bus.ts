// Redis pub/sub between processes. One channel carries every board's changes (and ended sessions),
// each tagged with the publishing instance, which drops its own echo (it handled it locally). A subscriber
// connection that drops loses whatever was published meanwhile, so when it is ready again the
// fan-out resynchronizes every board it serves from the durable log.
import type { BoardChange } from "@tack/shared/changes";
import type { Redis } from "ioredis";
import type { BusEvents, BusMessage, ChangeBus, ChangeHead } from "./change-bus.ts";
import { busEnvelopeSchema } from "./change-wire.ts";
import type { RedisKeys } from "./redis-keys.ts";

export interface RedisBusOptions {
  publisher: Redis;
  subscriber: Redis;
  keys: RedisKeys;
  instanceId: string;
  events: BusEvents;
  /** A message that is not ours, or a failed subscribe. */
  onBadMessage(error: unknown): void;
}

export class RedisChangeBus implements ChangeBus {
  private readonly options: RedisBusOptions;
  /**
   * How every message this instance publishes begins (both writers put `instance` first): its own
   * echo is dropped unread instead of parsed and validated like another's, on every change.
   */
  private readonly ownEcho: string;

  constructor(options: RedisBusOptions) {
    this.options = options;
    this.ownEcho = `{"instance":${JSON.stringify(options.instanceId)},`;
    const { subscriber, keys } = options;
    subscriber.on("message", (channel: string, text: string) => {
      if (channel === keys.changes) this.receive(text);
    });
    subscriber.on("ready", () => void this.ready());
    if (subscriber.status === "ready") void this.ready();
  }

  private async ready(): Promise<void> {
    try {
      await this.options.subscriber.subscribe(this.options.keys.changes);
    } catch (error) {
      this.options.onBadMessage(error);
      return;
    }
    // Whatever was published while we were not subscribed is lost to us: catch up from the stores.
    this.options.events.resync();
  }

  async publish(message: BusMessage): Promise<void> {
    const { publisher, keys, instanceId } = this.options;
    await publisher.publish(keys.changes, busEnvelope(instanceId, message));
  }

  healthy(): boolean {
    return this.options.subscriber.status === "ready";
  }

  async close(): Promise<void> {
    await this.options.subscriber.unsubscribe().catch(() => undefined);
  }

  private receive(text: string): void {
    if (text.startsWith(this.ownEcho)) return;
    // Every process hears every board's changes; most are of boards no socket here watches.
    const heads = this.options.events.changeHeads;
    if (heads) {
      const head = changeHeader(text);
      if (head && !heads.wanted(head.board)) {
        heads.heard(head);
        return;
      }
    }
    // Every process hears every board transaction's writes; most hold no copy they would carry.
    const writes = writesHeader(text);
    if (writes && this.options.events.wantsWrites?.(writes.board, writes.from) === false) return;
    let envelope: ReturnType<typeof busEnvelopeSchema.parse>;
    try {
      envelope = busEnvelopeSchema.parse(JSON.parse(text));
    } catch (error) {
      this.options.onBadMessage(error);
      return;
    }
    if (envelope.instance === this.options.instanceId) return;
    this.options.events.message(messageOf(envelope));
  }
}

/** A message as the bus sends it: the publishing instance first (the echo check reads it there). */
export function busEnvelope(instance: string, message: BusMessage): string {
  return JSON.stringify({ instance, ...message });
}

function messageOf(envelope: ReturnType<typeof busEnvelopeSchema.parse>): BusMessage {
  switch (envelope.kind) {
    case "change":
      return { kind: "change", epoch: envelope.epoch, change: envelope.change as unknown as BoardChange };
    case "access":
      return { kind: "access", boards: envelope.boards };
    case "writes":
      return { kind: "writes", writes: envelope.writes };
    case "ended":
      return { kind: "ended", ended: envelope.ended };
  }
}

/** How a board transaction's writes begin on the wire, after the instance (`publish`'s order). */
const WRITES_HEAD = ',"kind":"writes","writes":{"board":"';
const FROM = '","from":';
const BOARD_ID_LENGTH = 24;
const BOARD_ID = /^[0-9a-f]{24}$/;
/**
 * Where a header's kind may start at the latest, after the instance id (a pid and six characters,
 * or TACK_INSTANCE_ID): a message of a longer id is parsed whole, as one of another kind is.
 */
const HEADER_WITHIN = 200;

/**
 * The board and the version a `writes` message starts from, read off its first characters without
 * parsing it; null when it does not begin as one (then it is parsed and checked like any other).
 */
export function writesHeader(text: string): { board: string; from: number } | null {
  // Looked for among the first characters only: a message of another kind is not read through.
  const head = text.lastIndexOf(WRITES_HEAD, HEADER_WITHIN);
  if (head < 0) return null;
  const board = head + WRITES_HEAD.length;
  if (!text.startsWith(FROM, board + BOARD_ID_LENGTH)) return null;
  const from = fieldInteger(text, board + BOARD_ID_LENGTH + FROM.length);
  return from === null ? null : { board: text.slice(board, board + BOARD_ID_LENGTH), from };
}

/** How a change begins on the wire, after the instance: both writers put these fields first. */
const CHANGE_HEAD = ',"kind":"change","epoch":"';
const CHANGE_BOARD = '","change":{"board":"';
const SEQ = '","seq":';
const MAX_EPOCH_LENGTH = 64;

/**
 * The epoch, board and seq a `change` message starts with, read off its first characters without
 * parsing it; null when it does not begin as one (then it is parsed and checked like any other).
 * As strict as the message's schema on what it reads: an epoch of 1 to 64 characters without an
 * escape, a board id of 24 hex digits, a positive integer seq.
 */
export function changeHeader(text: string): ChangeHead | null {
  const head = text.lastIndexOf(CHANGE_HEAD, HEADER_WITHIN);
  if (head < 0) return null;
  const epochStart = head + CHANGE_HEAD.length;
  const epochEnd = text.indexOf('"', epochStart);
  if (epochEnd <= epochStart || epochEnd - epochStart > MAX_EPOCH_LENGTH) return null;
  const epoch = text.slice(epochStart, epochEnd);
  if (epoch.includes("\\")) return null;
  if (!text.startsWith(CHANGE_BOARD, epochEnd)) return null;
  const boardStart = epochEnd + CHANGE_BOARD.length;
  const board = text.slice(boardStart, boardStart + BOARD_ID_LENGTH);
  if (!BOARD_ID.test(board) || !text.startsWith(SEQ, boardStart + BOARD_ID_LENGTH)) return null;
  const seq = fieldInteger(text, boardStart + BOARD_ID_LENGTH + SEQ.length);
  return seq !== null && seq > 0 ? { epoch, board, seq } : null;
}

/**
 * The non-negative integer written at `start` as a field's value (digits, then the comma of the
 * next field), or null when none is: no digit, more than 16, a leading zero, past a safe integer.
 */
function fieldInteger(text: string, start: number): number | null {
  let end = start;
  while (end < text.length && end - start < 16 && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57)
    end++;
  if (end === start || text[end] !== "," || (text[start] === "0" && end - start > 1)) return null;
  const value = Number(text.slice(start, end));
  return Number.isSafeInteger(value) ? value : null;
}
