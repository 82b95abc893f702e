// Authorization before existence: an id the person may not read answers exactly like an id that
// does not exist, so a stranger learns nothing by probing. Only once the board is readable does a
// missing permission say 403.
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import type { BoardObjectKind, BoardObjectOf } from "@tack/shared/models";
import { type BoardAccess, type BoardPermission, hasBoardPermission } from "@tack/shared/permissions";
import type { AppContext } from "../context.ts";
import { type Actor, memberIdOf } from "./actor.ts";

export interface AuthorizedBoard {
  boardId: string;
  access: BoardAccess;
}

const NOUN: Record<BoardObjectKind | "board", string> = {
  board: "board",
  list: "list",
  card: "card",
  label: "label",
  checklist: "checklist",
  attachment: "attachment",
};

function refuse(actor: Actor, permission: BoardPermission): TackError {
  if (actor.kind === "anonymous")
    return new TackError(ErrorCode.unauthenticated, "Log in, or pass a key and token, to do this");
  const what =
    permission === "admin"
      ? "an admin of this board"
      : permission === "comment"
        ? "allowed to comment here"
        : "a member of this board";
  return new TackError(ErrorCode.forbidden, `You need to be ${what} to do this`);
}

export async function authorizeBoard(
  ctx: AppContext,
  actor: Actor,
  idOrShortLink: string,
  permission: BoardPermission,
  noun: string = NOUN.board,
): Promise<AuthorizedBoard> {
  const found = await ctx.store.boardAccess(idOrShortLink, memberIdOf(actor));
  if (!found || !hasBoardPermission(found.access, "read")) throw notFound(noun);
  if (!hasBoardPermission(found.access, permission)) throw refuse(actor, permission);
  return found;
}

export async function authorizeObject<K extends BoardObjectKind>(
  ctx: AppContext,
  actor: Actor,
  kind: K,
  idOrShortLink: string,
  permission: BoardPermission,
): Promise<AuthorizedBoard & { object: BoardObjectOf[K] }> {
  // One read for the object and the person's access to its board.
  const found = await ctx.store.objectAccess(kind, idOrShortLink, memberIdOf(actor));
  if (!found || !hasBoardPermission(found.access, "read")) throw notFound(NOUN[kind]);
  if (!hasBoardPermission(found.access, permission)) throw refuse(actor, permission);
  return found;
}
