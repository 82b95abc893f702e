// Gathers what one event-loop turn produces and hands it over once, in order, when the turn's I/O
// callbacks are done (setImmediate). A group commit answers its transactions in one turn, so what
// they committed leaves for Redis in one call instead of one per transaction (decision 0052).

export class PerTurn<T> {
  private pending: T[] = [];
  private readonly handle: (items: T[]) => void;

  constructor(handle: (items: T[]) => void) {
    this.handle = handle;
  }

  add(item: T): void {
    if (this.pending.length === 0) setImmediate(() => this.flush());
    this.pending.push(item);
  }

  private flush(): void {
    const items = this.pending;
    this.pending = [];
    if (items.length > 0) this.handle(items);
  }
}
