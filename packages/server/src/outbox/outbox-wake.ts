// Wakes the outbox's lease holder when any process commits (docs/decisions/0027-outbox-wakeup.md).
// In the committing process the worker is kicked directly; the other processes hear one Redis
// pub/sub message and kick theirs, so the holder delivers at once instead of at its next poll.
// One message per wake interval at most: the first commit of an interval is announced at once, and
// any that follow it within the interval in one message at its end, since the holder gathers the
// entries of that long into one pass anyway (decision 0046). A lost message costs only time: the
// holder still polls.
import { openRelayChannel, type RelayChannel } from "../realtime/relay-channel.ts";
import { GATHER_MS } from "./outbox-worker.ts";

/** At most one wake-up message per this long from a process: the holder's gathering time. */
const WAKE_INTERVAL_MS = GATHER_MS;

export class OutboxWake {
  private readonly origin: string;
  private readonly relay: RelayChannel | null;
  private readonly kick: () => void;
  /** A message went out less than WAKE_INTERVAL_MS ago. */
  private quiet = false;
  /** Commits made since that message, to announce when the interval ends. */
  private owed = false;

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
