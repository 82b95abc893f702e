// A board's activity, a page at a time, the Trello way: `GET /1/boards/{id}/actions` with
// `limit` and `before=<the oldest action id already shown>`.
import type { Action, Member } from "@tack/shared/models";
import { get } from "./http.ts";
import { actionFrom, memberFrom } from "./normalize.ts";

export const ACTIVITY_PAGE = 50;

export interface ActivityPage {
  actions: Action[];
  /** The people who did them (the board read may not know former members). */
  creators: Member[];
  /** More actions are older than this page. */
  more: boolean;
}

export async function boardActivity(idBoard: string, before?: string): Promise<ActivityPage> {
  const params = new URLSearchParams({ filter: "all", limit: String(ACTIVITY_PAGE) });
  if (before) params.set("before", before);
  const raw = await get<Record<string, unknown>[]>(
    `/1/boards/${encodeURIComponent(idBoard)}/actions?${params}`,
  );
  const creators = raw
    .map((r) => r.memberCreator)
    .filter((m): m is Record<string, unknown> => m !== null && typeof m === "object")
    .map(memberFrom);
  return { actions: raw.map(actionFrom), creators, more: raw.length === ACTIVITY_PAGE };
}
