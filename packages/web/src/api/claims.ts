// Claims of placeholder members (people a Trello import brought in who have no login): a board
// admin asks an account to claim one; that account accepts or declines on its home page.
import { del, get, post } from "./http.ts";

const enc = encodeURIComponent;

export interface PendingClaim {
  id: string;
  placeholder: { id: string; fullName: string; username: string; initials: string };
  board: { id: string; name: string; shortLink: string; url: string };
  requestedBy: { id: string; fullName: string; username: string } | null;
  date: string | null;
}

export const myPendingClaims = (): Promise<PendingClaim[]> => get<PendingClaim[]>("/1/members/me/claims");
export const askToClaim = (idBoard: string, idPlaceholder: string, member: string): Promise<unknown> =>
  post(`/1/boards/${enc(idBoard)}/placeholders/${enc(idPlaceholder)}/claim`, { member });
export const withdrawClaim = (idBoard: string, idPlaceholder: string): Promise<unknown> =>
  del(`/1/boards/${enc(idBoard)}/placeholders/${enc(idPlaceholder)}/claim`);
export const acceptClaim = (idPlaceholder: string): Promise<unknown> =>
  post(`/1/members/me/claims/${enc(idPlaceholder)}/accept`);
export const declineClaim = (idPlaceholder: string): Promise<unknown> =>
  post(`/1/members/me/claims/${enc(idPlaceholder)}/decline`);
