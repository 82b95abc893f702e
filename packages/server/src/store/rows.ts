// Turning stored rows into domain objects, shared by both adapters so they read alike.
import type { BoardChange, ChangedModels, DeletedRef } from "@tack/shared/changes";
import {
  type Action,
  type Board,
  type BoardObjectKind,
  type BoardObjectOf,
  readers,
} from "@tack/shared/models";
import type { BoardAccess } from "@tack/shared/permissions";
import type { PriorMutation } from "./store.ts";

type Raw = Record<string, unknown>;

/** Parses a JSON column (SQLite text) or passes through an already parsed one (PostgreSQL jsonb). */
export function json<T = Raw>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

export function readObject<K extends BoardObjectKind>(kind: K, doc: unknown): BoardObjectOf[K] {
  return readers[kind](json(doc)) as BoardObjectOf[K];
}

export function readBoard(doc: unknown): Board {
  return readers.board(json(doc));
}

export interface ActionRow {
  id: string;
  board_id: string;
  seq: number | string;
  type: string;
  member_id: string;
  date: string | Date;
  data: unknown;
  models?: unknown;
  deleted?: unknown;
  mutation_kind?: string | null;
}

export function readAction(row: ActionRow): Action {
  return {
    id: row.id,
    idMemberCreator: row.member_id,
    type: row.type,
    date: row.date instanceof Date ? row.date.toISOString() : row.date,
    data: json(row.data),
    seq: Number(row.seq),
  };
}

export function readChange(row: ActionRow): BoardChange {
  return {
    board: row.board_id,
    seq: Number(row.seq),
    action: readAction(row),
    models: json<ChangedModels>(row.models),
    deleted: json<DeletedRef[]>(row.deleted),
  };
}

/** An applied client mutation: the kind of write it was (null for rows from before kinds) and its first change. */
export function readPriorMutation(row: ActionRow): PriorMutation {
  return { kind: row.mutation_kind ?? null, change: readChange(row) };
}

/** The `closed` column mirrors the document's flag so open-object counts need no JSON. */
export function closedOf(doc: { closed?: boolean }): boolean {
  return doc.closed === true;
}

export function shortLinkOf(kind: BoardObjectKind, doc: unknown): string | null {
  return kind === "card" ? ((doc as { shortLink?: string }).shortLink ?? null) : null;
}

/** Escapes LIKE wildcards so search text matches literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A person's access to a board from the board document, their role and workspace membership. */
export function accessOf(boardDoc: unknown, role: unknown, inOrganization: boolean): BoardAccess {
  const board = readBoard(boardDoc);
  return {
    role: (role as BoardAccess["role"] | null | undefined) ?? null,
    visibility: board.prefs.permissionLevel,
    inOrganization,
    commentsPref: board.prefs.comments,
    closed: board.closed,
  };
}
