import type { Label } from "@tack/shared/models";

export const presentLabel = (label: Label) => ({
  id: label.id,
  idBoard: label.idBoard,
  name: label.name,
  color: label.color,
});
