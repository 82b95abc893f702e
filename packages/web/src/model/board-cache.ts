// The client's normalized copy of one open board. Two layers:
//  - `confirmed`: the server's board state, advanced only by changes in sequence order
//    (shared/board-state `applyChange`, the same code the server's tests use as the reference);
//  - overlays: optimistic predictions of documents the person just edited. An overlay is dropped
//    when its mutation is rejected (the view falls back, that is the rollback) or, once the server
//    accepted it, when a change touching that document arrives.
// Views read signals that `publish` sets only where something changed, so a change to one card
// re-renders that card (and its list, when the order changed), not the board.
import { batch, type Signal, signal } from "@preact/signals";
import {
  applyChange,
  type BoardSnapshot,
  type BoardState,
  stateFromSnapshot,
} from "@tack/shared/board-state";
import type { BoardChange } from "@tack/shared/changes";
import type {
  Action,
  Attachment,
  Board,
  Card,
  Checklist,
  CustomField,
  Label,
  List,
  Member,
  Membership,
} from "@tack/shared/models";
import { byPosition } from "@tack/shared/positions";
import { type CardFront, frontOf, withFront } from "./card-fronts.ts";
import { sameItems } from "./equal.ts";
import { withIdReplaced } from "./temporary-ids.ts";

const OVERLAY_KINDS = ["card", "list", "label", "checklist", "attachment", "board"] as const;
type OverlayKind = (typeof OVERLAY_KINDS)[number];
const isOverlayKind = (kind: string): kind is OverlayKind =>
  (OVERLAY_KINDS as readonly string[]).includes(kind);
/** What tells a created object's stand-in from others: same name, in the same list or card. */
type StandInKey = { id: string; name: string; idList?: string; idCard?: string };
interface OverlayEntry {
  token: number;
  doc: unknown;
  settled: boolean;
  settledAt: number;
  /** A stand-in for an object being created (a temporary id): the server's object replaces it. */
  temporary?: boolean;
}

/**
 * An accepted prediction is dropped once the feed has synced this long after the acceptance: any
 * sync after a commit includes its change, so by then the confirmed state shows it.
 */
const SYNC_MARGIN_MS = 2_000;

export interface Prediction {
  board?: Board;
  lists?: List[];
  cards?: Card[];
  labels?: Label[];
  checklists?: Checklist[];
  attachments?: Attachment[];
}

let nextToken = 1;

export class BoardCache {
  readonly id: string;
  confirmed: BoardState;
  epoch: string | null;
  private readonly overlays = new Map<string, OverlayEntry[]>();
  private pendingComments: Action[] = [];
  private lastSyncAt = 0;
  /** Comments deleted since the board loaded, to hide them from separately loaded card history. */
  readonly deletedComments = new Set<string>();
  private readonly deletedAttachments = new Set<string>();

  readonly board: Signal<Board>;
  readonly listIds = signal<string[]>([]);
  readonly labels = signal<Label[]>([]);
  /** The board's custom field definitions, in order. */
  readonly customFields = signal<CustomField[]>([]);
  readonly memberships = signal<Membership[]>([]);
  readonly members = signal<Map<string, Member>>(new Map());
  readonly actions = signal<Action[]>([]);
  private readonly listSignals = new Map<string, Signal<List | undefined>>();
  private readonly cardSignals = new Map<string, Signal<Card | undefined>>();
  private readonly cardIdsByList = new Map<string, Signal<string[]>>();
  private readonly checklistsByCard = new Map<string, Signal<Checklist[]>>();
  private readonly attachmentsByCard = new Map<string, Signal<Attachment[]>>();

  /**
   * Lists whose cards the board's first read left out, with how many (decision
   * 0041-first-paint-read): empty once every card is known, which is what positions need.
   */
  readonly cardsToCome = signal<ReadonlyMap<string, number>>(new Map());
  private allCardsArrived: () => void = () => {};
  private readonly allCardsKnownPromise: Promise<void>;

  constructor(snapshot: BoardSnapshot, epoch: string | null, cardsNotSent?: ReadonlyMap<string, number>) {
    this.id = snapshot.board.id;
    this.confirmed = stateFromSnapshot(snapshot);
    this.epoch = epoch;
    this.board = signal(snapshot.board);
    this.allCardsKnownPromise = new Promise((resolve) => {
      this.allCardsArrived = resolve;
    });
    if (cardsNotSent && cardsNotSent.size > 0) this.cardsToCome.value = cardsNotSent;
    else this.allCardsArrived();
    this.publish();
  }

  get allCardsKnown(): boolean {
    return this.cardsToCome.value.size === 0;
  }

  /**
   * Resolves once every card is known, or after `patienceMs` (the rest could not be read:
   * offline, say), so an edit that places a card among its siblings is placed among all of them
   * whenever it can be.
   */
  whenAllCardsKnown(patienceMs = 3_000): Promise<void> {
    if (this.allCardsKnown) return Promise.resolve();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const patience = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, patienceMs);
    });
    return Promise.race([this.allCardsKnownPromise, patience]).finally(() => clearTimeout(timer));
  }

  /**
   * Every open card's front, read after a first read that was cut short: the cards the cache
   * does not hold join it (those it holds are as new or newer: details, changes applied). False,
   * with nothing merged, when the answer is older than the cache (a card archived meanwhile
   * would come back): read again.
   */
  mergeCardFronts(fronts: {
    seq: number;
    cards: readonly Card[];
    attachments: readonly Attachment[];
  }): boolean {
    if (this.allCardsKnown) return true;
    if (fronts.seq < this.confirmed.seq) return false;
    for (const card of fronts.cards)
      if (!this.confirmed.cards.has(card.id)) this.confirmed.cards.set(card.id, card);
    for (const attachment of fronts.attachments)
      if (!this.confirmed.attachments.has(attachment.id))
        this.confirmed.attachments.set(attachment.id, attachment);
    this.markAllCardsKnown();
    this.publish();
    return true;
  }

  private markAllCardsKnown(): void {
    this.cardsToCome.value = new Map();
    this.allCardsArrived();
  }

  get seq(): number {
    return this.confirmed.seq;
  }

  /**
   * Replaces the server's state with a fresh snapshot (after `board.reload` or a lost history).
   * Predictions still waiting for their answer (edits queued offline) stay on top of it.
   */
  reset(snapshot: BoardSnapshot, epoch: string | null): void {
    this.confirmed = stateFromSnapshot(snapshot);
    this.epoch = epoch;
    this.markAllCardsKnown(); // a reset's snapshot is a whole read
    for (const [key, stack] of this.overlays) {
      const waiting = stack.filter((e) => !e.settled);
      if (waiting.length === 0) this.overlays.delete(key);
      else this.overlays.set(key, waiting);
    }
    this.publish();
  }

  /**
   * A created object got its real id: predictions under its temporary id (the stand-in, edits
   * made to it meanwhile, checklists on it) move to the real id, so nothing shows twice.
   */
  remapId(temporary: string, real: string): void {
    let changed = false;
    for (const [key, stack] of [...this.overlays]) {
      const moved = stack.map((entry) => {
        const doc = withIdReplaced(entry.doc, temporary, real);
        if (doc === entry.doc) return entry;
        changed = true;
        const { temporary: _standIn, ...rest } = entry;
        return { ...rest, doc };
      });
      if (!key.endsWith(`:${temporary}`)) {
        this.overlays.set(key, moved);
        continue;
      }
      this.overlays.delete(key);
      const realKey = `${key.slice(0, -temporary.length)}${real}`;
      this.overlays.set(realKey, [...(this.overlays.get(realKey) ?? []), ...moved]);
    }
    if (changed) this.publish();
  }

  /** Applies a server change; false means it is not the next one (catch up or reload). */
  apply(change: BoardChange): boolean {
    const known = new Set([
      ...this.confirmed.cards.keys(),
      ...this.confirmed.lists.keys(),
      ...this.confirmed.checklists.keys(),
    ]);
    const m = change.models;
    const fronts = this.frontsOf(m.cards ?? []);
    if (!applyChange(this.confirmed, change)) return false;
    this.keepFronts(fronts, change);
    // An object created by this person may arrive before the answer to the create: retire its
    // stand-in now, or both would show for a moment.
    const created: Array<[OverlayKind, StandInKey[] | undefined]> = [
      ["card", m.cards],
      ["list", m.lists],
      ["checklist", m.checklists],
    ];
    for (const [kind, docs] of created)
      for (const doc of docs ?? []) if (!known.has(doc.id)) this.retireStandIn(kind, doc);
    const touched: Array<[OverlayKind, { id: string }[]]> = [
      ["card", m.cards ?? []],
      ["list", m.lists ?? []],
      ["label", m.labels ?? []],
      ["checklist", m.checklists ?? []],
      ["attachment", m.attachments ?? []],
      ["board", m.board ? [m.board] : []],
    ];
    for (const [kind, docs] of touched) for (const doc of docs) this.dropSettled(kind, doc.id);
    // An accepted write's copy (kept when its answer came after its change) must not outlive the
    // object: a card moved to another board is deleted here, and no later change names it again.
    for (const ref of change.deleted) if (isOverlayKind(ref.kind)) this.dropSettled(ref.kind, ref.id);
    for (const ref of change.deleted) if (ref.kind === "comment") this.deletedComments.add(ref.id);
    for (const ref of change.deleted)
      if (ref.kind === "attachment") this.overlays.delete(`attachment:${ref.id}`);
    if (change.action.type === "commentCard") {
      const text = (change.action.data as { text?: string }).text;
      const mine = this.pendingComments.findIndex(
        (p) => p.idMemberCreator === change.action.idMemberCreator && p.data.text === text,
      );
      if (mine !== -1) this.pendingComments.splice(mine, 1);
    }
    this.publish();
    return true;
  }

  // --- card fronts and details (model/card-fronts.ts) ---

  /** Called with a card whose front counts a change made stale (its checklists changed). */
  onStaleFront: ((idCard: string) => void) | null = null;

  private frontsOf(cards: readonly Card[]): Map<string, CardFront> {
    const out = new Map<string, CardFront>();
    for (const c of cards) {
      const front = frontOf(this.confirmed.cards.get(c.id));
      if (front) out.set(c.id, front);
    }
    return out;
  }

  /**
   * A changed card arrives whole, so its description is known; its checklists are not, so it keeps
   * its front's counts. A change to the checklists of a card shown by its front makes the counts
   * stale: its details are read again.
   */
  private keepFronts(fronts: Map<string, CardFront>, change: BoardChange): void {
    for (const [id, { checkItems, checkItemsChecked }] of fronts) {
      const card = this.confirmed.cards.get(id);
      if (card && !frontOf(card))
        this.confirmed.cards.set(id, withFront(card, { checkItems, checkItemsChecked }));
    }
    const stale = new Set<string>();
    for (const c of change.models.checklists ?? []) stale.add(c.idCard);
    if (change.deleted.some((ref) => ref.kind === "checklist")) {
      const idCard = (change.action.data.card as { id?: unknown } | undefined)?.id;
      if (typeof idCard === "string") stale.add(idCard);
    }
    for (const id of stale) if (frontOf(this.confirmed.cards.get(id))) this.onStaleFront?.(id);
  }

  /**
   * A card's details, read when it opened: the whole card replaces its front, and its checklists
   * and attachments replace whatever the board held of them.
   */
  mergeDetails(card: Card, checklists: readonly Checklist[], attachments: readonly Attachment[]): void {
    if (!this.confirmed.cards.has(card.id)) return;
    this.confirmed.cards.set(card.id, card);
    for (const [id, c] of this.confirmed.checklists)
      if (c.idCard === card.id) this.confirmed.checklists.delete(id);
    for (const c of checklists) this.confirmed.checklists.set(c.id, c);
    for (const [id, a] of this.confirmed.attachments)
      if (a.idCard === card.id) this.confirmed.attachments.delete(id);
    for (const a of attachments) this.confirmed.attachments.set(a.id, a);
    this.publish();
  }

  // --- optimistic predictions ---

  /**
   * Shows predicted documents at once; returns a token to settle or roll back. `standIn` names the
   * temporary id of an object being created: its document is a stand-in the server's replaces. An
   * object created inside another document (a check item in its checklist) has none of its own.
   */
  predict(prediction: Prediction, options: { standIn?: string | undefined } = {}): number {
    const token = nextToken++;
    const add = (kind: OverlayKind, doc: { id: string }): void => {
      const key = `${kind}:${doc.id}`;
      const stack = this.overlays.get(key) ?? [];
      stack.push({
        token,
        doc,
        settled: false,
        settledAt: 0,
        ...(options.standIn === doc.id ? { temporary: true } : {}),
      });
      this.overlays.set(key, stack);
    };
    if (prediction.board) add("board", prediction.board);
    for (const d of prediction.lists ?? []) add("list", d);
    for (const d of prediction.cards ?? []) add("card", d);
    for (const d of prediction.labels ?? []) add("label", d);
    for (const d of prediction.checklists ?? []) add("checklist", d);
    for (const d of prediction.attachments ?? []) add("attachment", d);
    this.publish();
    return token;
  }

  /** The server accepted: keep showing the prediction (or the server's copy) until its change lands. */
  settle(token: number, serverDocs?: Prediction): void {
    const now = Date.now();
    for (const [key, stack] of this.overlays) {
      for (const entry of stack) {
        if (entry.token !== token) continue;
        entry.settled = true;
        entry.settledAt = now;
        const fresh = serverDocOf(key, serverDocs);
        if (fresh) entry.doc = fresh;
      }
    }
    // Documents the server created (no prediction had them): show them until their change lands.
    for (const [kind, doc] of docsOf(serverDocs)) {
      const key = `${kind}:${doc.id}`;
      const stack = this.overlays.get(key) ?? [];
      if (stack.some((e) => e.token === token)) continue;
      stack.push({ token, doc, settled: true, settledAt: now });
      this.overlays.set(key, stack);
    }
    this.publish();
  }

  /** The feed is in sync with the server as of now (a poll answered, a push arrived). */
  markSynced(): void {
    this.lastSyncAt = Date.now();
    if (this.overlays.size > 0) this.publish();
  }

  /** The server refused: forget the prediction, the view falls back to the server's state. */
  rollback(token: number): void {
    for (const [key, stack] of this.overlays) {
      const kept = stack.filter((e) => e.token !== token);
      if (kept.length === 0) this.overlays.delete(key);
      else this.overlays.set(key, kept);
    }
    this.publish();
  }

  addPendingComment(action: Action): void {
    this.pendingComments.unshift(action);
    this.publish();
  }

  removePendingComment(id: string): void {
    this.pendingComments = this.pendingComments.filter((a) => a.id !== id);
    this.publish();
  }

  private retireStandIn(kind: OverlayKind, created: StandInKey): void {
    for (const [key, stack] of this.overlays) {
      if (!key.startsWith(`${kind}:`)) continue;
      const entry = stack.find((e) => {
        if (!e.temporary) return false;
        const doc = e.doc as StandInKey;
        return doc.name === created.name && doc.idList === created.idList && doc.idCard === created.idCard;
      });
      if (!entry) continue;
      this.overlays.delete(key);
      return;
    }
  }

  private dropSettled(kind: OverlayKind, id: string): void {
    const key = `${kind}:${id}`;
    const stack = this.overlays.get(key);
    if (!stack) return;
    const kept = stack.filter((e) => !e.settled);
    if (kept.length === 0) this.overlays.delete(key);
    else this.overlays.set(key, kept);
  }

  private expireSettled(): void {
    const cutoff = this.lastSyncAt - SYNC_MARGIN_MS;
    for (const [key, stack] of this.overlays) {
      const kept = stack.filter((e) => !e.settled || e.settledAt > cutoff);
      if (kept.length === 0) this.overlays.delete(key);
      else if (kept.length !== stack.length) this.overlays.set(key, kept);
    }
  }

  // --- the view: confirmed state with predictions on top ---

  // Both ask the overlays only when there are predictions: a board opening (thousands of cards,
  // none predicted) skips building a key per card.
  private viewOf<T>(kind: OverlayKind, id: string, confirmed: T | undefined): T | undefined {
    if (this.overlays.size === 0) return confirmed;
    const stack = this.overlays.get(`${kind}:${id}`);
    const top = stack?.[stack.length - 1];
    return top ? (top.doc as T) : confirmed;
  }

  private viewAll<T extends { id: string }>(kind: OverlayKind, confirmed: Map<string, T>): T[] {
    if (this.overlays.size === 0) return [...confirmed.values()];
    const out = new Map<string, T>();
    for (const [id, doc] of confirmed) out.set(id, this.viewOf(kind, id, doc)!);
    const prefix = `${kind}:`;
    for (const [key, stack] of this.overlays) {
      if (!key.startsWith(prefix)) continue;
      const id = key.slice(prefix.length);
      if (!out.has(id)) out.set(id, stack[stack.length - 1]!.doc as T);
    }
    return [...out.values()];
  }

  card(id: string): Card | undefined {
    return this.viewOf("card", id, this.confirmed.cards.get(id));
  }

  list(id: string): List | undefined {
    return this.viewOf("list", id, this.confirmed.lists.get(id));
  }

  checklist(id: string): Checklist | undefined {
    return this.viewOf("checklist", id, this.confirmed.checklists.get(id));
  }

  allCards(): Card[] {
    return this.viewAll("card", this.confirmed.cards);
  }

  allLists(): List[] {
    return this.viewAll("list", this.confirmed.lists);
  }

  /** Open cards of a list, in order, as the view shows them. */
  openCardsOf(idList: string): Card[] {
    return this.allCards()
      .filter((c) => c.idList === idList && !c.closed)
      .sort(byPosition);
  }

  openLists(): List[] {
    return this.allLists()
      .filter((l) => !l.closed)
      .sort(byPosition);
  }

  // --- signals for the views ---

  cardSignal(id: string): Signal<Card | undefined> {
    let s = this.cardSignals.get(id);
    if (!s) {
      s = signal(this.card(id));
      this.cardSignals.set(id, s);
    }
    return s;
  }

  listSignal(id: string): Signal<List | undefined> {
    let s = this.listSignals.get(id);
    if (!s) {
      s = signal(this.list(id));
      this.listSignals.set(id, s);
    }
    return s;
  }

  cardIdsOf(idList: string): Signal<string[]> {
    let s = this.cardIdsByList.get(idList);
    if (!s) {
      s = signal(this.openCardIdsIndex().get(idList) ?? NONE);
      this.cardIdsByList.set(idList, s);
    }
    return s;
  }

  checklistsOf(idCard: string): Signal<Checklist[]> {
    let s = this.checklistsByCard.get(idCard);
    if (!s) {
      s = signal(this.checklistsByCardIndex().get(idCard) ?? NONE);
      this.checklistsByCard.set(idCard, s);
    }
    return s;
  }

  /** A card's attachments, in order (uploads the server answered show before their change lands). */
  attachmentsOf(idCard: string): Signal<Attachment[]> {
    let s = this.attachmentsByCard.get(idCard);
    if (!s) {
      s = signal(this.attachmentsOfCard(idCard));
      this.attachmentsByCard.set(idCard, s);
    }
    return s;
  }

  attachment(id: string): Attachment | undefined {
    return this.viewOf("attachment", id, this.confirmed.attachments.get(id));
  }

  private attachmentsOfCard(idCard: string): Attachment[] {
    return this.attachmentsByCardIndex().get(idCard) ?? NONE;
  }

  // Checklists and attachments grouped by card, in order: built once per publish, so a board of
  // thousands of cards asks for each card's share in constant time, not by scanning them all.
  private checklistIndex: Map<string, Checklist[]> | null = null;
  private cardIdIndex: Map<string, string[]> | null = null;
  private attachmentIndex: Map<string, Attachment[]> | null = null;

  /** Open cards' ids by list, in order: one pass over the cards serves every list. */
  private openCardIdsIndex(): Map<string, string[]> {
    if (!this.cardIdIndex) {
      const byList = new Map<string, Card[]>();
      for (const c of this.allCards()) {
        if (c.closed) continue;
        const bucket = byList.get(c.idList);
        if (bucket) bucket.push(c);
        else byList.set(c.idList, [c]);
      }
      this.cardIdIndex = new Map(
        [...byList].map(([idList, cards]) => [idList, cards.sort(byPosition).map((c) => c.id)]),
      );
    }
    return this.cardIdIndex;
  }

  private checklistsByCardIndex(): Map<string, Checklist[]> {
    this.checklistIndex ??= groupByCard(this.viewAll("checklist", this.confirmed.checklists));
    return this.checklistIndex;
  }

  private attachmentsByCardIndex(): Map<string, Attachment[]> {
    this.attachmentIndex ??= groupByCard(
      this.viewAll("attachment", this.confirmed.attachments).filter(
        (a) => !this.deletedAttachments.has(a.id),
      ),
    );
    return this.attachmentIndex;
  }

  /** Hides an attachment at once while its delete travels (undone if the server refuses). */
  hideAttachment(id: string, hidden: boolean): void {
    if (hidden) this.deletedAttachments.add(id);
    else this.deletedAttachments.delete(id);
    this.publish();
  }

  /** Sets every view signal whose value changed; unchanged ones keep their identity. */
  publish(): void {
    this.expireSettled();
    this.checklistIndex = null;
    this.attachmentIndex = null;
    this.cardIdIndex = null;
    batch(() => {
      const board = this.viewOf("board", this.id, this.confirmed.board)!;
      if (board !== this.board.value) this.board.value = board;

      const lists = this.allLists();
      for (const l of lists) {
        const s = this.listSignals.get(l.id);
        if (s && s.value !== l) s.value = l;
      }
      const listIds = lists
        .filter((l) => !l.closed)
        .sort(byPosition)
        .map((l) => l.id);
      if (!sameItems(listIds, this.listIds.value)) this.listIds.value = listIds;

      for (const c of this.allCards()) {
        const s = this.cardSignals.get(c.id);
        if (s && s.value !== c) s.value = c;
      }
      const idsByList = this.openCardIdsIndex();
      for (const [idList, s] of this.cardIdsByList) {
        const ids = idsByList.get(idList) ?? NONE;
        if (!sameItems(ids, s.value)) s.value = ids;
      }
      for (const [id, s] of this.cardSignals) if (!this.card(id) && s.value) s.value = undefined;

      const checklists = this.checklistsByCardIndex();
      for (const [idCard, s] of this.checklistsByCard) {
        const mine = checklists.get(idCard) ?? NONE;
        if (!sameItems(mine, s.value)) s.value = mine;
      }

      for (const [idCard, s] of this.attachmentsByCard) {
        const mine = this.attachmentsOfCard(idCard);
        if (!sameItems(mine, s.value)) s.value = mine;
      }

      const labels = this.viewAll("label", this.confirmed.labels);
      if (!sameItems(labels, this.labels.value)) this.labels.value = labels;
      const fields = [...this.confirmed.customFields.values()].sort(byPosition);
      if (!sameItems(fields, this.customFields.value)) this.customFields.value = fields;
      const memberships = [...this.confirmed.memberships.values()];
      if (!sameItems(memberships, this.memberships.value)) this.memberships.value = memberships;
      if (
        this.confirmed.members.size !== this.members.value.size ||
        membersChanged(this.confirmed.members, this.members.value)
      ) {
        this.members.value = new Map(this.confirmed.members);
      }
      const actions = [...this.pendingComments, ...this.confirmed.actions];
      if (!sameItems(actions, this.actions.value)) this.actions.value = actions;
    });
  }
}

/** The shared empty answer (never mutated): equal to every other empty list. */
const NONE: never[] = [];

function groupByCard<T extends { id: string; idCard: string; pos: number }>(docs: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const doc of docs) {
    const group = groups.get(doc.idCard);
    if (group) group.push(doc);
    else groups.set(doc.idCard, [doc]);
  }
  for (const group of groups.values()) group.sort(byPosition);
  return groups;
}

function membersChanged(a: Map<string, Member>, b: Map<string, Member>): boolean {
  for (const [id, m] of a) if (b.get(id) !== m) return true;
  return false;
}

function docsOf(docs: Prediction | undefined): Array<[OverlayKind, { id: string }]> {
  if (!docs) return [];
  return [
    ...(docs.board ? [["board", docs.board] as [OverlayKind, { id: string }]] : []),
    ...(docs.lists ?? []).map((d): [OverlayKind, { id: string }] => ["list", d]),
    ...(docs.cards ?? []).map((d): [OverlayKind, { id: string }] => ["card", d]),
    ...(docs.labels ?? []).map((d): [OverlayKind, { id: string }] => ["label", d]),
    ...(docs.checklists ?? []).map((d): [OverlayKind, { id: string }] => ["checklist", d]),
    ...(docs.attachments ?? []).map((d): [OverlayKind, { id: string }] => ["attachment", d]),
  ];
}

function serverDocOf(key: string, docs: Prediction | undefined): unknown {
  if (!docs) return undefined;
  const [kind, id] = key.split(":") as [OverlayKind, string];
  switch (kind) {
    case "board":
      return docs.board?.id === id ? docs.board : undefined;
    case "list":
      return docs.lists?.find((d) => d.id === id);
    case "card":
      return docs.cards?.find((d) => d.id === id);
    case "label":
      return docs.labels?.find((d) => d.id === id);
    case "checklist":
      return docs.checklists?.find((d) => d.id === id);
    case "attachment":
      return docs.attachments?.find((d) => d.id === id);
  }
}
