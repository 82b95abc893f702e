import type { List } from "@tack/shared/models";

export const presentList = (list: List) => ({
  id: list.id,
  idBoard: list.idBoard,
  name: list.name,
  closed: list.closed,
  pos: list.pos,
  softLimit: list.softLimit,
  subscribed: false,
});
