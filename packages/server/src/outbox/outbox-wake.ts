// Wakes the outbox's lease holder when any process commits (docs/decisions/0027-outbox-wakeup.md).
// In the committing process the worker is kicked directly; the other processes hear one Redis
// pub/sub message and kick theirs, so the holder delivers at once instead of at its next poll.
// Commits in the same turn of the event loop share one message. A lost message costs only time:
// the holder still polls.
import { openRelayChannel, type RelayChannel } from "../realtime/relay-channel.ts";

export class OutboxWake {
  private readonly origin: string;
  private readonly relay: RelayChannel | null;
  private readonly kick: () => void;
  private pending = false;

  constructor(kick: () => void, options: { redisUrl: string | null; prefix: string; instanceId: string }) {
    this.kick = kick;
    this.origin = options.instanceId;
    this.relay = openRelayChannel(options, "outbox-wake", (origin) => {
      if (origin !== this.origin) this.kick();
    });
  }

  /** Something was committed here: deliver now, here and wherever the lease is held. */
  committed(): void {
    this.kick();
    if (!this.relay || this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      void this.relay?.publish(this.origin);
    });
  }

  close(): void {
    this.relay?.close();
  }
}
