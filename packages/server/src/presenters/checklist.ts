import type { CheckItem, Checklist } from "@tack/shared/models";
import { noEmoji } from "./rich-text.ts";

export const presentCheckItem = (item: CheckItem) => ({
  id: item.id,
  idChecklist: item.idChecklist,
  name: item.name,
  nameData: noEmoji(),
  pos: item.pos,
  state: item.state,
  due: item.due,
  dueReminder: item.dueReminder ?? null,
  idMember: item.idMember,
});

export const presentChecklist = (checklist: Checklist) => ({
  id: checklist.id,
  idBoard: checklist.idBoard,
  idCard: checklist.idCard,
  name: checklist.name,
  pos: checklist.pos,
  checkItems: [...checklist.checkItems].sort((a, b) => a.pos - b.pos).map(presentCheckItem),
});
