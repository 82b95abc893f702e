// Every imported object gets a new Tack id: Trello ids may clash with ids already in this Tack
// (the same export imported twice) or not be 24-hex at all. One map per import turns each old id
// into its new one, the same every time it is met (a card id in `cards`, in a checklist's idCard,
// in an action's data), so references stay linked. A Trello id's first 8 hex digits are its
// creation time: the new id keeps that time, so ids still sort by age. Every new id carries the new
// board's routing key, as the objects made on a board do (decision 0063).
import { idTime, isId, newIdOnBoard, newShortLink } from "@tack/shared/ids";

export class IdMap {
  private readonly ids = new Map<string, string>();
  private readonly shortLinks = new Map<string, string>();
  private readonly fallbackTime: number;
  private readonly board: string;

  constructor(fallbackTime: number, board: string) {
    this.fallbackTime = fallbackTime;
    this.board = board;
  }

  /** Fixes what an old id becomes (the board, a mapped member's Tack id). */
  set(oldId: string, newIdValue: string): void {
    this.ids.set(oldId, newIdValue);
  }

  has(oldId: string): boolean {
    return this.ids.has(oldId);
  }

  /** The new id of an old one, made on first use; `time` stamps ids that carry no time of their own. */
  id(oldId: string, time?: number): string {
    let id = this.ids.get(oldId);
    if (id === undefined) {
      const when = isId(oldId) ? idTime(oldId) : (time ?? this.fallbackTime);
      id = newIdOnBoard(this.board, Number.isFinite(when) ? when : this.fallbackTime);
      this.ids.set(oldId, id);
    }
    return id;
  }

  /** Short links are unique across this Tack, so every imported one is new too. */
  shortLink(oldShortLink: string): string {
    let link = this.shortLinks.get(oldShortLink);
    if (link === undefined) {
      link = newShortLink();
      this.shortLinks.set(oldShortLink, link);
    }
    return link;
  }
}
