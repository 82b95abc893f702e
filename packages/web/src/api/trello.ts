// The Trello REST calls the client makes, one small function each, named for what they do.

import {
  boardCardFrontsPath,
  boardFirstPaintPath,
  boardFrontsPath,
  CARD_DETAILS_QUERY,
} from "@tack/shared/board-read-query";
import type { BoardSnapshot } from "@tack/shared/board-state";
import type { BoardChange } from "@tack/shared/changes";
import type {
  Attachment,
  Board,
  Card,
  Checklist,
  Label,
  List,
  Member,
  Organization,
} from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import { ApiError, del, get, getPatiently, post, put, query } from "./http.ts";
import {
  arrayOf,
  attachmentFrom,
  cardFrom,
  cardFrontFrom,
  checklistFrom,
  labelFrom,
  listFrom,
  memberFrom,
  snapshotFrom,
} from "./normalize.ts";

type Raw = Record<string, unknown>;
const enc = encodeURIComponent;

export interface LoadedBoard {
  snapshot: BoardSnapshot;
  epoch: string | null;
  /**
   * Lists whose cards a first read left out, with how many (decision 0041-first-paint-read);
   * absent when the snapshot holds every card.
   */
  cardsNotSent?: ReadonlyMap<string, number>;
}

/** A board read's answer, or the ApiError its failure means. */
async function readBoardAt(path: string): Promise<{ body: Raw; seq: number; epoch: string | null }> {
  const response = await fetch(path, {
    credentials: "same-origin",
    headers: { accept: "application/json" },
  }).catch(() => {
    throw new ApiError(0, {}, "Cannot reach the server: check your connection.");
  });
  const body = (await response.json().catch(() => ({}))) as Raw;
  if (!response.ok)
    throw new ApiError(response.status, body, `Could not load the board (${response.status})`);
  const seq = typeof body.seq === "number" ? body.seq : Number(response.headers.get("x-tack-seq") ?? 0);
  const epoch = typeof body.epoch === "string" ? body.epoch : (response.headers.get("x-tack-epoch") ?? null);
  return { body, seq, epoch };
}

/**
 * Reads a board as the web client holds it. `firstPaint`: the read a board opens with, which
 * carries at most a screenful of each list's cards (the shell preloads exactly this read).
 */
export async function loadBoard(
  idOrShortLink: string,
  { firstPaint = false }: { firstPaint?: boolean } = {},
): Promise<LoadedBoard> {
  const { body, seq, epoch } = await readBoardAt(
    firstPaint ? boardFirstPaintPath(idOrShortLink) : boardFrontsPath(idOrShortLink),
  );
  const idBoard = String(body.id ?? "");
  const notSent = Object.entries((body.cardsNotSent ?? {}) as Raw).filter(
    (entry): entry is [string, number] => typeof entry[1] === "number" && entry[1] > 0,
  );
  delete body.cardsNotSent;
  const snapshot = snapshotFrom(body, { seq, epoch }, (raw) => cardFrontFrom(raw, idBoard));
  return { snapshot, epoch, ...(notSent.length > 0 ? { cardsNotSent: new Map(notSent) } : {}) };
}

/** Every open card's front (and cover) on a board, where the board's change stream stood then. */
export interface CardFronts {
  seq: number;
  cards: Card[];
  attachments: Attachment[];
}

export async function loadCardFronts(idBoard: string): Promise<CardFronts> {
  const { body, seq } = await readBoardAt(boardCardFrontsPath(idBoard));
  return {
    seq,
    cards: arrayOf(body.cards).map((raw) => cardFrontFrom(raw, idBoard)),
    attachments: arrayOf(body.attachments).map(attachmentFrom),
  };
}

export interface ChangesAnswer {
  epoch: string;
  seq: number;
  changes?: BoardChange[];
  reload?: boolean;
}

export const fetchChanges = (boardId: string, since: number, epoch: string | null): Promise<ChangesAnswer> =>
  get<ChangesAnswer>(`/1/boards/${enc(boardId)}/changes${query({ since, epoch: epoch ?? undefined })}`);

// Boards and workspaces
export interface BoardSummary extends Board {
  starred: boolean;
}
export const myBoards = (): Promise<BoardSummary[]> =>
  get<BoardSummary[]>("/1/members/me/boards?filter=open&fields=all");
export const myOrganizations = (): Promise<Organization[]> =>
  get<Organization[]>("/1/members/me/organizations");
export const createBoard = (name: string, background: string, idOrganization?: string): Promise<Board> =>
  post<Board>("/1/boards", {
    name,
    defaultLists: false,
    prefs_background: background,
    ...(idOrganization ? { idOrganization } : {}),
  });
export const createOrganization = (displayName: string): Promise<Organization> =>
  post<Organization>("/1/organizations", { displayName });
export const updateBoard = (id: string, fields: Record<string, unknown>): Promise<Board> =>
  put<Board>(`/1/boards/${enc(id)}`, fields);

// A board star's id is the board's id in Tack, so unstarring needs no lookup.
export const starBoard = (idBoard: string): Promise<unknown> =>
  post("/1/members/me/boardStars", { idBoard, pos: "top" });
export const unstarBoard = (idBoard: string): Promise<unknown> =>
  del(`/1/members/me/boardStars/${enc(idBoard)}`);

// Lists
export const createList = async (idBoard: string, name: string, pos: PositionRequest): Promise<List> =>
  listFrom(await post<Raw>("/1/lists", { idBoard, name, pos }));
export const updateList = async (id: string, fields: Partial<Pick<List, "name" | "pos" | "closed">>) =>
  listFrom(await put<Raw>(`/1/lists/${enc(id)}`, fields));
export const closedLists = async (idBoard: string): Promise<List[]> =>
  (await get<Raw[]>(`/1/boards/${enc(idBoard)}/lists?filter=closed`)).map(listFrom);

// Cards
export const createCard = async (idList: string, name: string, pos: PositionRequest): Promise<Card> =>
  cardFrom(await post<Raw>("/1/cards", { idList, name, pos }));
export type CardFields = Partial<
  Pick<
    Card,
    | "name"
    | "desc"
    | "idList"
    | "pos"
    | "closed"
    | "start"
    | "due"
    | "dueComplete"
    | "dueReminder"
    | "isTemplate"
  >
>;
export const updateCard = async (id: string, fields: CardFields): Promise<Card> =>
  cardFrom(await put<Raw>(`/1/cards/${enc(id)}`, fields));
export const fetchCard = async (idOrShortLink: string): Promise<Card> =>
  cardFrom(await get<Raw>(`/1/cards/${enc(idOrShortLink)}`));
/** What the card dialog reads on open: the whole card, its checklists and attachments. */
export interface CardDetails {
  card: Card;
  checklists: Checklist[];
  attachments: Attachment[];
}
export async function fetchCardDetails(idCard: string): Promise<CardDetails> {
  const raw = await get<Raw>(`/1/cards/${enc(idCard)}?${CARD_DETAILS_QUERY}`);
  return {
    card: cardFrom(raw),
    checklists: arrayOf(raw.checklists).map(checklistFrom),
    attachments: arrayOf(raw.attachments).map(attachmentFrom),
  };
}
export const closedCards = async (idBoard: string): Promise<Card[]> =>
  (await get<Raw[]>(`/1/boards/${enc(idBoard)}/cards/closed`)).map(cardFrom);
export const deleteCard = (id: string): Promise<unknown> => del(`/1/cards/${enc(id)}`);
export const addLabelToCard = (idCard: string, idLabel: string): Promise<unknown> =>
  post(`/1/cards/${enc(idCard)}/idLabels`, { value: idLabel });
export const removeLabelFromCard = (idCard: string, idLabel: string): Promise<unknown> =>
  del(`/1/cards/${enc(idCard)}/idLabels/${enc(idLabel)}`);
export const addMemberToCard = (idCard: string, idMember: string): Promise<unknown> =>
  post(`/1/cards/${enc(idCard)}/idMembers`, { value: idMember });
export const removeMemberFromCard = (idCard: string, idMember: string): Promise<unknown> =>
  del(`/1/cards/${enc(idCard)}/idMembers/${enc(idMember)}`);
export const cardActions = (idCard: string): Promise<Raw[]> =>
  getPatiently<Raw[]>(`/1/cards/${enc(idCard)}/actions?filter=all&limit=100&reactions=true`);
export const addComment = (idCard: string, text: string): Promise<Raw> =>
  post<Raw>(`/1/cards/${enc(idCard)}/actions/comments`, { text });
export const editComment = (idCard: string, idAction: string, text: string): Promise<Raw> =>
  put<Raw>(`/1/cards/${enc(idCard)}/actions/${enc(idAction)}/comments`, { text });
export const deleteComment = (idCard: string, idAction: string): Promise<unknown> =>
  del(`/1/cards/${enc(idCard)}/actions/${enc(idAction)}/comments`);
export const addReaction = (idAction: string, unified: string): Promise<Raw> =>
  post<Raw>(`/1/actions/${enc(idAction)}/reactions`, { emoji: { unified } });
export const removeReaction = (idAction: string, idReaction: string): Promise<unknown> =>
  del(`/1/actions/${enc(idAction)}/reactions/${enc(idReaction)}`);

// Checklists
export const createChecklist = async (idCard: string, name: string): Promise<Checklist> =>
  checklistFrom(await post<Raw>("/1/checklists", { idCard, name, pos: "bottom" }));
export const deleteChecklist = (id: string): Promise<unknown> => del(`/1/checklists/${enc(id)}`);
export const addCheckItem = (idChecklist: string, name: string): Promise<Raw> =>
  post<Raw>(`/1/checklists/${enc(idChecklist)}/checkItems`, { name, pos: "bottom" });
export const updateCheckItem = (
  idCard: string,
  idCheckItem: string,
  fields: {
    state?: "complete" | "incomplete";
    name?: string;
    idMember?: string | null;
    due?: string | null;
    pos?: number;
    idChecklist?: string;
  },
): Promise<Raw> => put<Raw>(`/1/cards/${enc(idCard)}/checkItem/${enc(idCheckItem)}`, fields);
export const convertCheckItem = (idChecklist: string, idCheckItem: string): Promise<Raw> =>
  post<Raw>(`/1/checklists/${enc(idChecklist)}/checkItems/${enc(idCheckItem)}/convertToCard`);
export const deleteCheckItem = (idChecklist: string, idCheckItem: string): Promise<unknown> =>
  del(`/1/checklists/${enc(idChecklist)}/checkItems/${enc(idCheckItem)}`);

// Labels
export const createLabel = async (idBoard: string, name: string, color: string | null): Promise<Label> =>
  labelFrom(await post<Raw>("/1/labels", { idBoard, name, color }));
export const updateLabel = async (id: string, fields: Partial<Pick<Label, "name" | "color">>) =>
  labelFrom(await put<Raw>(`/1/labels/${enc(id)}`, fields));
export const deleteLabel = (id: string): Promise<unknown> => del(`/1/labels/${enc(id)}`);

// Board members
export const memberByUsername = async (username: string): Promise<Member> =>
  memberFrom(await get<Raw>(`/1/members/${enc(username)}`));
/** The open boards both you and this person are on. */
export const boardsInCommon = (username: string): Promise<BoardSummary[]> =>
  get<BoardSummary[]>(`/1/members/${enc(username)}/boards?fields=all`);
export const setBoardMember = (idBoard: string, idMember: string, type: string): Promise<unknown> =>
  put(`/1/boards/${enc(idBoard)}/members/${enc(idMember)}`, { type });
export const removeBoardMember = (idBoard: string, idMember: string): Promise<unknown> =>
  del(`/1/boards/${enc(idBoard)}/members/${enc(idMember)}`);

// Search
export interface SearchAnswer {
  cards: Raw[];
  boards: Raw[];
}
export const search = (text: string, idBoards?: string): Promise<SearchAnswer> =>
  get<SearchAnswer>(
    `/1/search${query({ query: text, modelTypes: "cards,boards", idBoards, cards_limit: 50, card_board: true, card_list: true })}`,
  );
