// A lease that makes one process of the cluster the one that does some work (delivers the outbox,
// sends webhooks), asked for sparingly. Taking or renewing a lease is a write to its row, and so is
// being refused it (the refusal locks the row), each a commit and a WAL flush: asked on every pass
// it cost a busy board a statement per commit and an idle cluster a flush four times a second per
// process (issue 16). So the holder renews once a third of the lease has passed, which leaves
// every pass over two thirds of it (far more than a pass takes; no one else can take it before it
// runs out), and a process refused it asks again at most once a second, unless told the holder
// gave it up (`freed`). After a crash the lease runs out first anyway.
import type { NotifyStore } from "../store/notify-store.ts";

/** How often a process refused the lease asks for it again, at most. */
export const NON_HOLDER_RETRY_MS = 1_000;

export class HeldLease {
  private readonly store: Pick<NotifyStore, "takeLease" | "releaseLease">;
  private readonly name: string;
  private readonly holder: string;
  private readonly ttlMs: number;
  /** When this process last took (or renewed) the lease, and when it last was refused it. */
  private takenAt = Number.NEGATIVE_INFINITY;
  private refusedAt = Number.NEGATIVE_INFINITY;

  constructor(
    store: Pick<NotifyStore, "takeLease" | "releaseLease">,
    lease: { name: string; holder: string; ttlMs: number },
  ) {
    this.store = store;
    this.name = lease.name;
    this.holder = lease.holder;
    this.ttlMs = lease.ttlMs;
  }

  /** Whether this process holds the lease for at least the next two thirds of its length. */
  async held(): Promise<boolean> {
    const now = performance.now();
    if (now - this.takenAt < this.ttlMs / 3) return true;
    if (this.refusedRecently()) return false;
    if (await this.store.takeLease(this.name, this.holder, this.ttlMs)) {
      this.takenAt = now;
      this.refusedAt = Number.NEGATIVE_INFINITY;
      return true;
    }
    this.takenAt = Number.NEGATIVE_INFINITY;
    this.refusedAt = performance.now();
    return false;
  }

  /** Refused less than NON_HOLDER_RETRY_MS ago: another process holds it, and asking is no use yet. */
  refusedRecently(): boolean {
    return performance.now() - this.refusedAt < NON_HOLDER_RETRY_MS;
  }

  /** The holder said it gave the lease up: the next `held` asks at once. */
  freed(): void {
    this.refusedAt = Number.NEGATIVE_INFINITY;
  }

  /** Gives the lease up (if held here), so another process can take it at once. */
  async release(): Promise<void> {
    this.takenAt = Number.NEGATIVE_INFINITY;
    await this.store.releaseLease(this.name, this.holder).catch(() => undefined);
  }
}
