// Carries ended credentials between processes over Redis pub/sub, and makes the ending process wait
// for proof. Pub/sub alone is not enough: the message reaches another worker on its own connection,
// so that worker may serve a request with the ended credential (from its cache) before it reads the
// message. Instead every subscriber that gets an "ended" message drops the credential and then
// publishes an acknowledgement; the ender learns from PUBLISH how many subscribers received the
// message and answers only once that many have acknowledged (or after `waitMs`, logged loudly).
//
// A process that is not subscribed (Redis connection down) is not counted and cannot hear about
// revocations, so its credential cache is bypassed until it is subscribed again, and emptied then.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { Ended, SessionFeed } from "./session-feed.ts";

const endedSchema = z.union([
  z.strictObject({ sessionHash: z.string().min(1) }),
  z.strictObject({ tokenId: z.string().min(1) }),
  z.strictObject({ memberId: z.string().min(1) }),
  z.strictObject({ boardAccess: z.string().min(1) }),
]);

const messageSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ended"),
    id: z.string().min(1),
    from: z.string().min(1),
    ended: z.array(endedSchema),
  }),
  z.object({ kind: z.literal("ack"), id: z.string().min(1), to: z.string().min(1) }),
]);

export interface RevocationRelayOptions {
  publisher: Redis;
  subscriber: Redis;
  channel: string;
  instanceId: string;
  feed: SessionFeed;
  waitMs: number;
  /** Called when the subscription (re)starts: whatever was published meanwhile is lost. */
  onResubscribed(): void;
  onProblem(message: string, error?: unknown): void;
}

interface Pending {
  acks: number;
  needed: number | null;
  done(): void;
}

export class RevocationRelay {
  private readonly options: RevocationRelayOptions;
  private readonly pending = new Map<string, Pending>();
  private subscribed = false;

  constructor(options: RevocationRelayOptions) {
    this.options = options;
    const { subscriber } = options;
    subscriber.on("message", (channel: string, text: string) => {
      if (channel === options.channel) this.receive(text);
    });
    subscriber.on("ready", () => void this.subscribe());
    subscriber.on("close", () => {
      this.subscribed = false;
    });
    if (subscriber.status === "ready") void this.subscribe();
  }

  /** True while this process hears every revocation (its cache may be trusted). */
  healthy(): boolean {
    return this.subscribed && this.options.subscriber.status === "ready";
  }

  /** Publishes the ended credentials and waits until every subscribed process dropped them. */
  async broadcast(ended: readonly Ended[]): Promise<void> {
    const { publisher, channel, instanceId, waitMs } = this.options;
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const confirmed = new Promise<boolean>((resolve) => {
      const entry: Pending = { acks: 0, needed: null, done: () => resolve(true) };
      this.pending.set(id, entry);
      timer = setTimeout(() => resolve(false), waitMs);
    });
    try {
      const receivers = await publisher.publish(
        channel,
        JSON.stringify({ kind: "ended", id, from: instanceId, ended }),
      );
      const entry = this.pending.get(id)!;
      entry.needed = receivers;
      if (entry.acks >= receivers) entry.done();
      if (!(await confirmed))
        this.options.onProblem(
          `revocation: ${receivers - entry.acks} of ${receivers} processes did not confirm within ${waitMs} ms; they drop the credential when they read the message`,
        );
    } catch (error) {
      this.options.onProblem(
        "revocation: could not publish to Redis; processes without a Redis subscription do not use cached credentials",
        error,
      );
    } finally {
      clearTimeout(timer);
      this.pending.delete(id);
    }
  }

  private async subscribe(): Promise<void> {
    try {
      await this.options.subscriber.subscribe(this.options.channel);
    } catch (error) {
      this.options.onProblem("revocation: subscribe failed", error);
      return;
    }
    this.options.onResubscribed();
    this.subscribed = true;
  }

  private receive(text: string): void {
    let message: z.infer<typeof messageSchema>;
    try {
      message = messageSchema.parse(JSON.parse(text));
    } catch (error) {
      this.options.onProblem("revocation: ignored a malformed message", error);
      return;
    }
    const { instanceId, feed, publisher, channel } = this.options;
    if (message.kind === "ack") {
      if (message.to !== instanceId) return;
      const entry = this.pending.get(message.id);
      if (!entry) return;
      entry.acks++;
      if (entry.needed !== null && entry.acks >= entry.needed) entry.done();
      return;
    }
    // Our own message comes back too: the ender already dropped it, but acknowledges all the same,
    // because PUBLISH counted this subscriber.
    if (message.from !== instanceId) for (const ended of message.ended) feed.ended(ended, "remote");
    publisher
      .publish(channel, JSON.stringify({ kind: "ack", id: message.id, to: message.from }))
      .catch((error: unknown) => this.options.onProblem("revocation: could not acknowledge", error));
  }
}
