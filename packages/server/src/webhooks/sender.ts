// Sends queued webhook deliveries (fan-out.ts queues them), while this process holds the `webhooks`
// lease: one sender in the cluster, taken over by another worker when the holder dies (kill -9), so
// a delivery is sent at least once. Per webhook, deliveries go one after another in board order; a
// failed one is retried after the configured delays (Trello: 30 s, 60 s, 120 s) and the webhook's
// later deliveries wait behind it, while other webhooks go on. After the last retry the delivery
// is given up; a webhook that kept failing long enough is switched off (active=false), as Trello does.
// Who may read is checked again before each send: a webhook whose owner lost the board, or whose
// token was revoked, sends nothing more.
import { canReadBoard } from "@tack/shared/permissions";
import { HeldLease } from "../cluster/held-lease.ts";
import type { WebhookConfig } from "../config.ts";
import type { Store } from "../store/store.ts";
import type { FailureOutcome, WebhookDelivery, WebhookRecord } from "../store/webhook-store.ts";
import { type CallbackPolicy, callCallback } from "./callback-guard.ts";
import { signDelivery, tokenSecret } from "./signature.ts";

export interface WebhookSenderOptions {
  holder: string;
  config: WebhookConfig;
  installSecret: () => Promise<string>;
  /** Webhooks sent to at once (each its own receiver). */
  parallel?: number;
  /** Deliveries per webhook read at a time. */
  batch?: number;
  leaseMs?: number;
  onError(error: unknown, delivery: WebhookDelivery | null): void;
  /** Told of every delivery a receiver accepted (benchmarks, metrics). */
  onDelivered?(delivery: WebhookDelivery): void;
}

const LEASE_NAME = "webhooks";

export class WebhookSender {
  private readonly store: Store;
  private readonly options: WebhookSenderOptions;
  private readonly policy: CallbackPolicy;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private exclusive: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly lease: HeldLease;

  constructor(store: Store, options: WebhookSenderOptions) {
    this.store = store;
    this.options = options;
    this.lease = new HeldLease(store.notify, {
      name: LEASE_NAME,
      holder: options.holder,
      ttlMs: options.leaseMs ?? 10_000,
    });
    this.policy = {
      allowPrivate: options.config.allowPrivate,
      allowedAddresses: options.config.allowedAddresses,
    };
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Deliveries were just queued here: send now rather than at the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Stops after the current pass and gives the lease up, so another process takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.lease.release();
  }

  /** One pass, for tests and benchmarks. */
  async drain(): Promise<void> {
    await this.serial(() => this.pass());
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.serial(() => this.pass())
        .catch((error: unknown) => this.options.onError(error, null))
        .finally(() => {
          this.running = null;
          const soon = this.again;
          this.again = false;
          this.schedule(soon ? 0 : this.options.config.pollMs);
        });
    }, delay);
    this.timer.unref();
  }

  private serial(work: () => Promise<void>): Promise<void> {
    const run = this.exclusive.then(work, work);
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  private async pass(): Promise<void> {
    const batch = this.options.batch ?? 50;
    const parallel = this.options.parallel ?? 16;
    for (;;) {
      if (this.stopped) return;
      if (!(await this.lease.held())) return;
      const groups = await this.store.webhooks.pendingDeliveries(batch, parallel);
      if (groups.length === 0) return;
      const finished = await Promise.all(groups.map((group) => this.sendInOrder(group)));
      // Go on while some webhook had a full batch and got through it.
      if (!groups.some((group, i) => finished[i] && group.length === batch)) return;
    }
  }

  /**
   * Sends one webhook's deliveries in order; false when one must wait for a retry. What went
   * through is marked done in one write at the end (or before a failure is counted), so a crash
   * in between sends those again: at least once.
   */
  private async sendInOrder(group: readonly WebhookDelivery[]): Promise<boolean> {
    const { store } = this;
    const first = group[0];
    if (!first) return true;
    const delivered: number[] = [];
    const dropped: number[] = [];
    // Read once per pass: switched off, deleted with its token, or its owner lost the board since
    // means nothing more is sent.
    const webhook = await store.webhooks.webhookById(first.webhookId);
    const readable = new Map<string, boolean>();
    const mayRead = async (boardId: string, memberId: string) => {
      let may = readable.get(boardId);
      if (may === undefined) {
        const found = await store.boardAccess(boardId, memberId);
        may = found !== null && canReadBoard(found.access);
        readable.set(boardId, may);
      }
      return may;
    };
    let finished = true;
    try {
      for (const delivery of group) {
        if (this.stopped) {
          finished = false;
          break;
        }
        if (!webhook?.active || !(await mayRead(delivery.boardId, webhook.memberId))) {
          dropped.push(delivery.id);
          continue;
        }
        const failure = await this.post(webhook, delivery);
        if (failure === null) {
          delivered.push(delivery.id);
          this.options.onDelivered?.(delivery);
          continue;
        }
        // What went through first resets the failure count; then this failure counts.
        await store.webhooks.deliveriesDone(delivered.splice(0), dropped.splice(0));
        this.options.onError(failure, delivery);
        const outcome = await store.webhooks.deliveryFailed(delivery.id, new Date().toISOString(), (state) =>
          this.decide(state),
        );
        if (outcome.retryAt !== null || outcome.disable) {
          finished = false;
          break;
        }
      }
    } finally {
      await store.webhooks.deliveriesDone(delivered, dropped);
    }
    return finished;
  }

  /** POSTs one delivery, signed; null when the receiver accepted it (2xx), else what went wrong. */
  private async post(webhook: WebhookRecord, delivery: WebhookDelivery): Promise<unknown> {
    const secret = tokenSecret(await this.options.installSecret(), webhook.tokenId);
    const signature = signDelivery(secret, delivery.body, webhook.callbackURL);
    try {
      const status = await callCallback(
        webhook.callbackURL,
        {
          method: "POST",
          body: delivery.body,
          headers: { "x-trello-webhook": signature },
          timeoutMs: this.options.config.timeoutMs,
        },
        this.policy,
      );
      return status >= 200 && status < 300 ? null : new Error(`${webhook.callbackURL} answered ${status}`);
    } catch (error) {
      return error;
    }
  }

  private decide(state: {
    attempts: number;
    consecutiveFailures: number;
    firstConsecutiveFailDate: string;
  }): FailureOutcome {
    const { retryDelaysMs, disableAfterFailures, disableAfterMs } = this.options.config;
    const now = Date.now();
    const failingFor = now - Date.parse(state.firstConsecutiveFailDate);
    const disable = state.consecutiveFailures >= disableAfterFailures && failingFor >= disableAfterMs;
    const delay = retryDelaysMs[state.attempts - 1];
    return { retryAt: disable || delay === undefined ? null : now + delay, disable };
  }
}
