// Redis pub/sub between processes. One channel carries every board's changes (and ended sessions),
// each tagged with the publishing instance, which drops its own echo (it handled it locally). A subscriber
// connection that drops loses whatever was published meanwhile, so when it is ready again the
// fan-out resynchronizes every board it serves from the durable log.
import type { BoardChange } from "@tack/shared/changes";
import type { Redis } from "ioredis";
import type { BusEvents, BusMessage, ChangeBus } from "./change-bus.ts";
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
    await publisher.publish(keys.changes, JSON.stringify({ instance: instanceId, ...message }));
  }

  healthy(): boolean {
    return this.options.subscriber.status === "ready";
  }

  async close(): Promise<void> {
    await this.options.subscriber.unsubscribe().catch(() => undefined);
  }

  private receive(text: string): void {
    if (text.startsWith(this.ownEcho)) return;
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
