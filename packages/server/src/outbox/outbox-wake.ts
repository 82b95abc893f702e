// Wakes the outbox's lease holder when any process commits (docs/decisions/0027-outbox-wakeup.md).
// In the committing process the worker is kicked directly; the other processes hear one Redis
// pub/sub message and kick theirs, so the holder delivers at once instead of at its next poll.
// Commits in the same turn of the event loop share one message. A lost message costs only time:
// the holder still polls.
import { Redis } from "ioredis";

export class OutboxWake {
  private readonly origin: string;
  private readonly channel: string;
  private readonly publisher: Redis | null;
  private readonly subscriber: Redis | null;
  private readonly kick: () => void;
  private pending = false;

  constructor(kick: () => void, options: { redisUrl: string | null; prefix: string; instanceId: string }) {
    this.kick = kick;
    this.origin = options.instanceId;
    this.channel = `${options.prefix}outbox-wake`;
    if (!options.redisUrl) {
      this.publisher = null;
      this.subscriber = null;
      return;
    }
    const connect = (name: string) =>
      new Redis(options.redisUrl!, {
        connectionName: `${options.instanceId}-${name}`,
        maxRetriesPerRequest: 1,
        retryStrategy: (times) => Math.min(50 * 2 ** times, 2_000),
      });
    this.publisher = connect("outbox-wake");
    this.subscriber = connect("outbox-wake-sub");
    this.publisher.on("error", () => undefined);
    this.subscriber.on("error", () => undefined);
    void this.subscriber.subscribe(this.channel).catch(() => undefined);
    this.subscriber.on("message", (_channel: string, origin: string) => {
      if (origin !== this.origin) this.kick();
    });
  }

  /** Something was committed here: deliver now, here and wherever the lease is held. */
  committed(): void {
    this.kick();
    if (!this.publisher || this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      void this.publisher?.publish(this.channel, this.origin).catch(() => undefined);
    });
  }

  close(): void {
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }
}
