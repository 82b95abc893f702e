// How actions name the objects they are about (Trello's `data.card`, `data.list`, …).
import type { Card, Checklist, CustomField, Label, List } from "@tack/shared/models";

export const cardRef = (c: Card) => ({ id: c.id, name: c.name, idShort: c.idShort, shortLink: c.shortLink });
export const listRef = (l: List) => ({ id: l.id, name: l.name });
export const labelRef = (l: Label) => ({ id: l.id, name: l.name, color: l.color });
export const checklistRef = (c: Checklist) => ({ id: c.id, name: c.name });
export const customFieldRef = (f: CustomField) => ({ id: f.id, name: f.name, type: f.type });
