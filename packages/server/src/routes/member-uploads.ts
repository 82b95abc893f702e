// Pictures members upload (decision 0034): Trello's avatar upload (`POST /1/members/{id}/avatar`,
// served at `<avatarUrl>/{30,50,170,original}.png`) and custom board backgrounds
// (`/1/members/{id}/boardBackgrounds`, set on a board with `PUT /1/boards/{id}/prefs/background`).
// Uploads reuse the attachment path (streamed, size-limited, type sniffed from the bytes); only you
// may change your own pictures. Avatars are public like profiles; a background is readable through
// a board only while that board uses it, and in the library only by its owner.
import { ErrorCode, invalid, notFound, TackError } from "@tack/shared/errors";
import type { Member, MemberImage } from "@tack/shared/models";
import { updateMemberInput } from "@tack/shared/schemas";
import type { FastifyReply, FastifyRequest } from "fastify";
import { serveBlob } from "../attachments/serve-blob.ts";
import { tooLarge } from "../attachments/size-limit.ts";
import type { MemberActor } from "../auth/actor.ts";
import type { AppContext } from "../context.ts";
import { presentMember } from "../presenters/member.ts";
import { avatarUrlOf } from "../presenters/urls.ts";
import {
  BACKGROUND_SIZES,
  MAX_BACKGROUNDS_PER_MEMBER,
  presentBackground,
} from "../uploads/board-backgrounds.ts";
import { discardImage, imageBlobKey, receiveImage, type ScaleTo } from "../uploads/uploaded-image.ts";
import { type Api, exchangeOf } from "./api.ts";

/** Trello's avatar sizes: square crops. */
const AVATAR_SIZES: readonly ScaleTo[] = [30, 50, 170].map((box) => ({
  width: box,
  height: box,
  fit: "cover",
}));
const MULTIPART_OVERHEAD = 64 * 1024;

/** You, by `me`, your id or your username; anyone else may not change your pictures. */
async function yourself(ctx: AppContext, me: MemberActor, idMember: string): Promise<Member> {
  const member = await ctx.store.memberById(me.memberId);
  if (!member) throw notFound("member");
  if (idMember !== "me" && idMember !== member.id && idMember.toLowerCase() !== member.username.toLowerCase())
    throw new TackError(ErrorCode.forbidden, "You can change only your own pictures: use /1/members/me");
  return member;
}

async function receiveMemberImage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  ownerId: string,
  maxBytes: number,
  sizes: readonly ScaleTo[],
): Promise<MemberImage> {
  if (!request.isMultipart()) throw invalid("file", "send the picture as multipart/form-data part `file`");
  // Refuse what cannot succeed before a single byte of the file is read.
  if (Number(request.headers["content-length"] ?? 0) > maxBytes + MULTIPART_OVERHEAD) {
    void reply.header("connection", "close");
    throw tooLarge(maxBytes);
  }
  try {
    const part = await request.file({ limits: { fileSize: maxBytes + 1 } });
    if (!part) throw invalid("file", "send the picture as multipart/form-data part `file`");
    return await receiveImage(ctx.blobs, ownerId, part.file, maxBytes, sizes);
  } catch (error) {
    // The rest of a refused body is not worth reading: end the connection instead.
    if (error instanceof TackError && error.code !== ErrorCode.internal)
      void reply.header("connection", "close");
    throw error;
  }
}

/** `50.png` → `50`; `original.png` → `original`. */
function sizeOf(file: string): string {
  const match = /^(\d+|original)\.png$/.exec(file);
  if (!match) throw notFound("picture size");
  return match[1]!;
}

async function servePicture(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  image: MemberImage | null | undefined,
  file: string,
): Promise<FastifyReply> {
  const blob = image ? imageBlobKey(image, sizeOf(file)) : null;
  if (!blob) throw notFound("picture");
  return serveBlob(ctx, request, reply, { key: blob.key, mimeType: blob.mimeType, name: file });
}

export function memberUploadRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;
  const member = { who: "member" } as const;

  api.define({
    method: "POST",
    path: "/1/members/:idMember/avatar",
    summary: "Upload your avatar (multipart part `file`: PNG, JPEG, GIF or WebP)",
    access: member,
    httpOnly: true,
    handler: async (call) => {
      const { request, reply } = exchangeOf(call);
      const before = await yourself(ctx, call.me, call.params.idMember);
      const { avatarMaxBytes } = ctx.config.attachments;
      const avatar = await receiveMemberImage(ctx, request, reply, before.id, avatarMaxBytes, AVATAR_SIZES);
      // Read again: the upload took a while and the record may have changed meanwhile.
      const current = (await ctx.store.memberById(before.id)) ?? before;
      try {
        await ctx.store.updateMember({
          ...current,
          avatar,
          avatarUrl: avatarUrlOf(base, current.id, avatar.id),
        });
      } catch (error) {
        await discardImage(ctx.blobs, avatar);
        throw error;
      }
      if (current.avatar) await discardImage(ctx.blobs, current.avatar);
      return presentMember(base, { ...current, avatar });
    },
  });

  async function removeAvatar(me: MemberActor, idMember: string) {
    const current = await yourself(ctx, me, idMember);
    await ctx.store.updateMember({ ...current, avatar: null, avatarUrl: null });
    if (current.avatar) await discardImage(ctx.blobs, current.avatar);
    return presentMember(base, { ...current, avatar: null, avatarUrl: null });
  }

  api.define({
    method: "DELETE",
    path: "/1/members/:idMember/avatar",
    summary: "Remove your avatar (back to initials)",
    access: member,
    handler: ({ me, params }) => removeAvatar(me, params.idMember),
  });

  api.define({
    method: "PUT",
    path: "/1/members/:idMember",
    summary: "Change your profile: avatarSource (`none` removes your uploaded avatar)",
    input: updateMemberInput,
    access: member,
    handler: async ({ me, params, input }) => {
      if (input.avatarSource === "none") return removeAvatar(me, params.idMember);
      const current = await yourself(ctx, me, params.idMember);
      if (input.avatarSource === "upload" && !current.avatar)
        throw invalid(
          "avatarSource",
          "you have no uploaded avatar: upload one with POST /1/members/me/avatar",
        );
      return presentMember(base, current);
    },
  });

  api.define({
    method: "GET",
    path: "/1/members/:idMember/avatars/:avatarHash/:file",
    summary: "An avatar picture: 30.png, 50.png, 170.png or original.png (public, like profiles)",
    access: { who: "anyone" },
    httpOnly: true,
    handler: async (call) => {
      const { request, reply } = exchangeOf(call);
      const { idMember, avatarHash, file } = call.params;
      const owner = /^[0-9a-f]{24}$/.test(idMember) ? await ctx.store.memberById(idMember) : null;
      // An old hash answers 404: its picture was replaced (addresses never change what they show).
      const avatar = owner?.avatar?.id === avatarHash ? owner.avatar : null;
      return servePicture(ctx, request, reply, avatar, file);
    },
  });

  api.define({
    method: "POST",
    path: "/1/members/:idMember/boardBackgrounds",
    summary: "Upload a custom board background (multipart part `file`: PNG, JPEG, GIF or WebP)",
    access: member,
    httpOnly: true,
    handler: async (call) => {
      const { request, reply } = exchangeOf(call);
      const before = await yourself(ctx, call.me, call.params.idMember);
      if ((before.boardBackgrounds?.length ?? 0) >= MAX_BACKGROUNDS_PER_MEMBER) {
        void reply.header("connection", "close");
        throw new TackError(
          ErrorCode.limitExceeded,
          `You can keep at most ${MAX_BACKGROUNDS_PER_MEMBER} uploaded backgrounds: delete one first`,
        );
      }
      const { backgroundMaxBytes } = ctx.config.attachments;
      const image = await receiveMemberImage(
        ctx,
        request,
        reply,
        before.id,
        backgroundMaxBytes,
        BACKGROUND_SIZES,
      );
      const current = (await ctx.store.memberById(before.id)) ?? before;
      try {
        await ctx.store.updateMember({
          ...current,
          boardBackgrounds: [...(current.boardBackgrounds ?? []), image],
        });
      } catch (error) {
        await discardImage(ctx.blobs, image);
        throw error;
      }
      return presentBackground(base, current.id, image);
    },
  });

  api.define({
    method: "GET",
    path: "/1/members/:idMember/boardBackgrounds",
    summary: "Your uploaded board backgrounds (only yours)",
    access: member,
    handler: async ({ me, params }) => {
      const you = await yourself(ctx, me, params.idMember);
      return (you.boardBackgrounds ?? []).map((b) => presentBackground(base, you.id, b));
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/members/:idMember/boardBackgrounds/:idBackground",
    summary: "Delete one of your uploaded backgrounds (boards using it fall back to its color)",
    access: member,
    handler: async ({ me, params }) => {
      const you = await yourself(ctx, me, params.idMember);
      const image = you.boardBackgrounds?.find((b) => b.id === params.idBackground);
      if (!image) throw notFound("background");
      await ctx.store.updateMember({
        ...you,
        boardBackgrounds: (you.boardBackgrounds ?? []).filter((b) => b.id !== image.id),
      });
      await discardImage(ctx.blobs, image);
      return {};
    },
  });

  api.define({
    method: "GET",
    path: "/1/members/:idMember/boardBackgrounds/:idBackground/:file",
    summary: "One of your uploaded backgrounds: 480.png, 960.png, 1920.png or original.png",
    access: member,
    httpOnly: true,
    handler: async (call) => {
      const { request, reply } = exchangeOf(call);
      const you = await yourself(ctx, call.me, call.params.idMember);
      const image = you.boardBackgrounds?.find((b) => b.id === call.params.idBackground);
      return servePicture(ctx, request, reply, image, call.params.file);
    },
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/backgroundImage/:idBackground/:file",
    summary: "The board's uploaded background picture (board read permission; only the one it uses)",
    access: { board: true, permission: "read" },
    httpOnly: true,
    handler: async (call) => {
      const { request, reply } = exchangeOf(call);
      const found = await ctx.store.boardById(call.target.boardId);
      const prefs = found?.board.prefs;
      // Only the picture this board shows: a board never opens the rest of its owner's library.
      if (!prefs?.backgroundCustom || prefs.background !== call.params.idBackground)
        throw notFound("background");
      const owner = await ctx.store.memberById(prefs.backgroundCustom.idMember);
      const image = owner?.boardBackgrounds?.find((b) => b.id === prefs.background);
      return servePicture(ctx, request, reply, image, call.params.file);
    },
  });
}
