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
  customField: "custom field",
};

/** Why a person who can read the board may not do this, and what would let them. */
function refuse(actor: Actor, permission: BoardPermission, access: BoardAccess): TackError {
  if (actor.kind === "anonymous")
    return new TackError(ErrorCode.unauthenticated, "Log in, or pass a key and token, to do this");
  if (access.closed && permission !== "admin" && hasBoardPermission({ ...access, closed: false }, permission))
    return new TackError(ErrorCode.forbidden, "This board is closed: an admin can reopen it to change it");
  const message =
    permission === "admin"
      ? "Only board admins can do this"
      : permission === "comment"
        ? "Comments on this board are limited: ask an admin to let you comment"
        : access.role === "observer"
          ? "Observers can only read this board: ask an admin to make you a normal member"
          : "Join this board (or ask an admin to add you) to change it";
  return new TackError(ErrorCode.forbidden, message);
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
  if (!hasBoardPermission(found.access, permission)) throw refuse(actor, permission, found.access);
  return found;
}

/**
 * `authorizeBoard` for a read, answered from this process's cache when it holds the person's read
 * access to the board (auth/credential-cache.ts: what may be cached, and how a removal or a
 * visibility change ends it on every process before its write answers).
 */
export async function authorizeBoardRead(
  ctx: AppContext,
  actor: Actor,
  idOrShortLink: string,
): Promise<AuthorizedBoard> {
  const memberId = memberIdOf(actor);
  const cached = ctx.credentials.boardAccess(idOrShortLink, memberId);
  if (cached) return cached;
  const generation = ctx.credentials.accessGeneration();
  const found = await authorizeBoard(ctx, actor, idOrShortLink, "read");
  ctx.credentials.rememberBoardAccess(idOrShortLink, memberId, found, generation);
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
  if (!hasBoardPermission(found.access, permission)) throw refuse(actor, permission, found.access);
  return found;
}

/**
 * `authorizeObject` for a write route that needs only the object's id and board, answered from
 * this process's cache when it holds them (auth/credential-cache.ts: what may be cached, and how
 * a change that narrows access ends it on every process before its write answers). The cached
 * board is where the object was: the write's own transaction finds whether it still is
 * (`movedSinceCached`).
 */
export async function authorizeObjectCached(
  ctx: AppContext,
  actor: Actor,
  kind: BoardObjectKind,
  idOrShortLink: string,
  permission: BoardPermission,
): Promise<AuthorizedBoard & { object: { id: string }; fromCache: boolean }> {
  const memberId = memberIdOf(actor);
  const cached = memberId === null ? undefined : ctx.credentials.objectAccess(kind, idOrShortLink, memberId);
  if (cached) {
    if (!hasBoardPermission(cached.access, "read")) throw notFound(NOUN[kind]);
    if (!hasBoardPermission(cached.access, permission)) throw refuse(actor, permission, cached.access);
    return {
      boardId: cached.boardId,
      access: cached.access,
      object: { id: cached.objectId },
      fromCache: true,
    };
  }
  const onCopy =
    memberId === null ? undefined : grantedOnCopy(ctx, kind, idOrShortLink, memberId, permission);
  if (onCopy) return onCopy;
  const generation = ctx.credentials.accessGeneration();
  const found = await authorizeObject(ctx, actor, kind, idOrShortLink, permission);
  const authorized = { boardId: found.boardId, access: found.access, objectId: found.object.id };
  if (memberId !== null) {
    ctx.credentials.rememberObjectAccess(kind, idOrShortLink, memberId, authorized, permission, generation);
    // The board's too, so the person's writes of the board's other objects skip the read.
    const board = { boardId: found.boardId, access: found.access };
    ctx.credentials.rememberBoardAccess(found.boardId, memberId, board, generation);
  }
  return { boardId: found.boardId, access: found.access, object: { id: found.object.id }, fromCache: false };
}

/**
 * The board this process's copy has the object on, with the person's cached access to that board,
 * when that access grants `permission` without workspace membership: someone writing one card
 * after another on a board they work on reads their access once per board, not once per object
 * (decision 0060). It only ever grants: anything else is left to the store's read, which decides
 * and words the refusal. Like an object's entry, the board is where the object was; the write's
 * transaction finds whether it still is (`movedSinceCached`).
 */
function grantedOnCopy(
  ctx: AppContext,
  kind: BoardObjectKind,
  id: string,
  memberId: string,
  permission: BoardPermission,
): (AuthorizedBoard & { object: { id: string }; fromCache: true }) | undefined {
  const boardId = ctx.store.cachedBoardOf(kind, id);
  if (boardId === null) return undefined;
  const board = ctx.credentials.boardAccess(boardId, memberId);
  if (!board || !hasBoardPermission({ ...board.access, inOrganization: false }, permission)) return undefined;
  return { boardId, access: board.access, object: { id }, fromCache: true };
}

/**
 * After a write authorized from the cache answered "not found": drops the entry, and says whether
 * the object is now on another board (moved since it was cached), so the write should run again
 * against a fresh read. Not found anywhere, or on the same board: the answer stands.
 */
export async function movedSinceCached(
  ctx: AppContext,
  actor: Actor,
  kind: BoardObjectKind,
  idOrShortLink: string,
  cachedBoardId: string,
): Promise<boolean> {
  const memberId = memberIdOf(actor);
  if (memberId === null) return false;
  ctx.credentials.forgetObject(kind, idOrShortLink, memberId);
  const now = await ctx.store.objectAccess(kind, idOrShortLink, memberId);
  return now !== null && now.boardId !== cachedBoardId;
}
