// One socket's subscription to one board. While its catch-up is being read it buffers what the
// feed delivers; once the catch-up is sent it goes live and forwards every change after its
// cursor. The feed delivers each seq once and in order, so the cursor only guards the seam
// between catch-up and live changes.
import type { BoardChange } from "@tack/shared/changes";
import type { Subscriber } from "./board-feed.ts";

/**
 * A frame as it is sent: a board's change is encoded once, as bytes, for every socket that gets it
 * (each socket's frames of a string were measured and encoded again, socket by socket).
 */
export type Frame = string | Buffer;

/** Changes buffered during one catch-up before the socket is deemed too slow. */
const MAX_BUFFERED_CHANGES = 10_000;

export interface SubscriptionOwner {
  readonly memberId: string | null;
  sendFrame(frame: Frame): void;
  /** The feed dropped this subscription (access lost); tell the client. */
  revoked(subscription: Subscription): void;
  reloadNeeded(subscription: Subscription, epoch: string, seq: number): void;
  tooSlow(): void;
}

export class Subscription implements Subscriber {
  readonly board: string;
  private readonly owner: SubscriptionOwner;
  private live = false;
  private cursor = 0;
  private buffer: Array<{ change: BoardChange; frame: Frame }> = [];

  constructor(owner: SubscriptionOwner, board: string) {
    this.owner = owner;
    this.board = board;
  }

  get memberId(): string | null {
    return this.owner.memberId;
  }

  deliver(change: BoardChange, frame: Frame): void {
    if (!this.live) {
      if (this.buffer.length >= MAX_BUFFERED_CHANGES) this.owner.tooSlow();
      else this.buffer.push({ change, frame });
      return;
    }
    if (change.seq <= this.cursor) return;
    this.cursor = change.seq;
    this.owner.sendFrame(frame);
  }

  /** The client has everything up to `cursor`: forward the rest. */
  goLive(cursor: number): void {
    this.cursor = Math.max(this.cursor, cursor);
    this.live = true;
    const buffered = this.buffer;
    this.buffer = [];
    for (const { change, frame } of buffered) this.deliver(change, frame);
  }

  revoke(): void {
    this.owner.revoked(this);
  }

  reload(epoch: string, seq: number): void {
    this.cursor = Math.max(this.cursor, seq);
    this.owner.reloadNeeded(this, epoch, seq);
  }
}
