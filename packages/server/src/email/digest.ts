// The periodic summary for people who chose it: every `intervalMs`, one mail listing their unread
// notifications since the last summary (only of boards they are still on), sent by the process
// holding the "digest" lease. The time of the last summary is recorded after the SMTP server
// accepted it: a crash in between sends that summary again, nothing is skipped.
import type { NotifyStore } from "../store/notify-store.ts";
import type { Mailer } from "./mailer.ts";
import { digestMail } from "./notification-mail.ts";

const LEASE_NAME = "digest";
/** How often the lease holder looks for summaries that are due. */
const LOOK_EVERY_MS = 60_000;
const MAX_ITEMS = 50;

export class DigestSender {
  private readonly store: NotifyStore;
  private readonly mailer: Mailer;
  private readonly options: {
    holder: string;
    publicUrl: string;
    intervalMs: number;
    onError(error: unknown): void;
  };
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(store: NotifyStore, mailer: Mailer, options: DigestSender["options"]) {
    this.store = store;
    this.mailer = mailer;
    this.options = options;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.tick().catch(this.options.onError));
    }, LOOK_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.store.releaseLease(LEASE_NAME, this.options.holder).catch(() => undefined);
  }

  /** Sends the summaries due at `now` (tests pass a chosen time). */
  async tick(now = Date.now()): Promise<void> {
    if (!(await this.store.takeLease(LEASE_NAME, this.options.holder, LOOK_EVERY_MS * 3))) return;
    const cutoff = new Date(now - this.options.intervalMs).toISOString();
    for (const target of await this.store.digestsDue(cutoff)) {
      const unread = await this.store.unreadForDigest(target.memberId, target.since, MAX_ITEMS);
      if (unread.length > 0)
        await this.mailer.send(
          digestMail(unread, target.email, this.options.publicUrl, target.unsubscribeToken),
        );
      await this.store.markDigestSent(target.memberId, new Date(now).toISOString());
    }
  }
}
