// The boards this process serves: one feed per board that has subscribed sockets here, created on
// the first subscription and dropped with the last.
import type { BoardChange } from "@tack/shared/changes";
import { BoardFeed, type FeedDeps, type Subscriber } from "./board-feed.ts";

export class Hub {
  private readonly feeds = new Map<string, BoardFeed>();
  private readonly deps: Omit<FeedDeps, "onEmpty">;

  constructor(deps: Omit<FeedDeps, "onEmpty">) {
    this.deps = deps;
  }

  get boards(): number {
    return this.feeds.size;
  }

  /** Whether sockets here watch the board (a feed of it exists, though its first may still be joining). */
  watches(board: string): boolean {
    return this.feeds.has(board);
  }

  /** Answers the seq the subscriber starts after, or "denied" (cannot read, or no such board). */
  async subscribe(board: string, subscriber: Subscriber): Promise<number | "denied"> {
    // A feed can end between lookup and add (its last subscriber left): then take a fresh one.
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await this.feedFor(board).add(subscriber);
      if (result !== "closed") return result;
    }
    return "denied";
  }

  unsubscribe(board: string, subscriber: Subscriber): void {
    this.feeds.get(board)?.remove(subscriber);
  }

  /** A committed change, from this process or another. */
  receive(epoch: string, change: BoardChange): void {
    this.feeds.get(change.board)?.offer(epoch, change);
  }

  /** Read access to these boards may have changed: their subscribers are checked again. */
  recheck(boards: readonly string[]): void {
    for (const board of boards) this.feeds.get(board)?.recheckAccess();
  }

  /** Changes may have been lost (pub/sub reconnected, periodic check): every feed catches up. */
  resync(): void {
    for (const feed of this.feeds.values()) feed.resync();
  }

  close(): void {
    for (const feed of [...this.feeds.values()]) feed.close();
  }

  private feedFor(board: string): BoardFeed {
    let feed = this.feeds.get(board);
    if (!feed) {
      feed = new BoardFeed(board, {
        ...this.deps,
        onEmpty: (ended) => {
          if (this.feeds.get(board) === ended) this.feeds.delete(board);
        },
      });
      this.feeds.set(board, feed);
    }
    return feed;
  }
}
