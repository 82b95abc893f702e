// Wakes the outbox's lease holder when any process commits (docs/decisions/0027-outbox-wakeup.md).
// In the committing process the worker is kicked directly; the other processes hear one Redis
// pub/sub message and kick theirs, so the holder delivers at once instead of at its next poll.
// One message per wake interval at most: the first commit of an interval is announced at once, and
// any that follow it within the interval in one message at its end, since the holder gathers the
// entries of that long into one pass anyway (decision 0046). A stopping holder also says it gave the
// lease up, so a process refused it a moment ago asks again at once. A lost message costs only
// time: the holder still polls, and a refused process asks again within a second.
import { openRelayChannel, type RelayChannel } from "../realtime/relay-channel.ts";
import { GATHER_MS } from "./outbox-worker.ts";

/** At most one wake-up message per this long from a process: the holder's gathering time. */
const WAKE_INTERVAL_MS = GATHER_MS;

/** A message that starts so says the sender gave the lease up (the rest is its instance id); any
 * other message is a sender's instance id, a wake-up. */
const FREED = "freed ";

export class OutboxWake {
  private readonly origin: string;
  private readonly relay: RelayChannel | null;
  private readonly kick: () => void;
  /** A message went out less than WAKE_INTERVAL_MS ago. */
  private quiet = false;
  /** Commits made since that message, to announce when the interval ends. */
  private owed = false;

  constructor(
    kick: () => void,
    options: { redisUrl: string | null; prefix: string; instanceId: string },
    freed: () => void = kick,
  ) {
    this.kick = kick;
    this.origin = options.instanceId;
    this.relay = openRelayChannel(options, "outbox-wake", (message) => {
      if (message.startsWith(FREED)) {
        if (message !== FREED + this.origin) freed();
      } else if (message !== this.origin) this.kick();
    });
  }

  /** This process gave the outbox's lease up (it is stopping): the others may take it at once. */
  async leaseFreed(): Promise<void> {
    await this.relay?.publish(FREED + this.origin);
  }

  /** Something was committed here: deliver now, here and wherever the lease is held. */
  committed(): void {
    this.kick();
    if (!this.relay) return;
    if (this.quiet) {
      this.owed = true;
      return;
    }
    this.announce();
  }

  private announce(): void {
    this.quiet = true;
    void this.relay?.publish(this.origin);
    setTimeout(() => {
      this.quiet = false;
      if (!this.owed) return;
      this.owed = false;
      this.announce();
    }, WAKE_INTERVAL_MS).unref();
  }

  close(): void {
    this.owed = false;
    this.relay?.close();
  }
}
