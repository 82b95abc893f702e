// Moves and copies between boards, templates and list limits: the Trello calls the move/copy
// dialogs make (loaded with them, on demand).
import type { Card, List } from "@tack/shared/models";
import { get, post, put } from "./http.ts";
import { cardFrom, listFrom } from "./normalize.ts";

type Raw = Record<string, unknown>;
const enc = encodeURIComponent;

export const openLists = async (idBoard: string): Promise<List[]> =>
  (await get<Raw[]>(`/1/boards/${enc(idBoard)}/lists?filter=open`)).map(listFrom);
export const cardsOfList = async (idList: string): Promise<Array<{ id: string; pos: number }>> =>
  get<Array<{ id: string; pos: number }>>(`/1/lists/${enc(idList)}/cards?fields=id,pos`);

export const moveCardTo = async (
  id: string,
  idBoard: string,
  idList: string,
  pos: number | "top" | "bottom",
) => cardFrom(await put<Raw>(`/1/cards/${enc(id)}`, { idBoard, idList, pos }));
export const copyCardTo = async (
  idCardSource: string,
  idList: string,
  name: string,
  keepFromSource: string,
  pos: number | "top" | "bottom",
): Promise<Card> =>
  cardFrom(await post<Raw>("/1/cards", { idCardSource, idList, name, keepFromSource, pos }));
export const setCardTemplate = async (id: string, isTemplate: boolean): Promise<Card> =>
  cardFrom(await put<Raw>(`/1/cards/${enc(id)}`, { isTemplate }));

export const copyListTo = async (idListSource: string, idBoard: string, name: string): Promise<List> =>
  listFrom(await post<Raw>("/1/lists", { idListSource, idBoard, name }));
export const moveListTo = async (id: string, idBoard: string): Promise<List> =>
  listFrom(await put<Raw>(`/1/lists/${enc(id)}/idBoard`, { value: idBoard }));
export const setSoftLimit = async (id: string, softLimit: number | null): Promise<List> =>
  listFrom(await put<Raw>(`/1/lists/${enc(id)}`, { softLimit: softLimit ?? "" }));
export const copyBoardFrom = (
  idBoardSource: string,
  name: string,
  keepCards: boolean,
  extra: { idOrganization?: string } = {},
) =>
  post<{ id: string; shortLink: string; name: string }>("/1/boards", {
    idBoardSource,
    name,
    keepFromSource: keepCards ? "cards" : "none",
    ...extra,
  });
export const setBoardTemplate = (idBoard: string, isTemplate: boolean) =>
  put<Raw>(`/1/boards/${enc(idBoard)}`, { "prefs/isTemplate": isTemplate });

export const moveAllCards = (idList: string, idBoard: string, idListTarget: string) =>
  post<Raw[]>(`/1/lists/${enc(idList)}/moveAllCards`, { idBoard, idList: idListTarget });
export const archiveAllCards = (idList: string) => post<Raw>(`/1/lists/${enc(idList)}/archiveAllCards`);
