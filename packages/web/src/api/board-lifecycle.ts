// Closing, reopening, deleting and exporting boards (Trello's routes; the CSV export is Tack's).
import type { Board } from "@tack/shared/models";
import { del, get, put } from "./http.ts";

const enc = encodeURIComponent;

export interface ClosedBoard extends Board {
  starred: boolean;
  /** The asker's own membership (Trello's board answer carries it). */
  memberships?: { idMember: string; memberType: string }[];
}

export const closedBoards = (): Promise<ClosedBoard[]> =>
  get<ClosedBoard[]>("/1/members/me/boards?filter=closed&fields=all");
export const setBoardClosed = (id: string, closed: boolean): Promise<Board> =>
  put<Board>(`/1/boards/${enc(id)}`, { closed });
export const deleteBoard = (id: string): Promise<unknown> => del(`/1/boards/${enc(id)}`);
export const setBoardDesc = (id: string, desc: string): Promise<Board> =>
  put<Board>(`/1/boards/${enc(id)}`, { desc });
/** Download addresses: a plain link sends the session cookie, and the answer names the file. */
export const exportJsonUrl = (id: string) => `/1/boards/${enc(id)}/export`;
export const exportCsvUrl = (id: string) => `/1/boards/${enc(id)}/export/csv`;
