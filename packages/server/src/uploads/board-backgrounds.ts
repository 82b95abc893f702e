// Custom board backgrounds (decision 0034): pictures a member uploads into their own library
// (kept on their member record, bytes in the blob store). Setting one on a board records in the
// board's prefs whose picture it is; the board then serves it to everyone who can read the board,
// at a board-scoped address, and nothing else of the owner's library becomes readable.
import { invalid } from "@tack/shared/errors";
import type { BoardPrefs, MemberImage } from "@tack/shared/models";
import type { AppContext } from "../context.ts";
import { boardBackgroundUrl, memberBackgroundUrl } from "../presenters/urls.ts";
import type { ScaleTo } from "./uploaded-image.ts";

/** Trello's backgroundImageScaled boxes (the largest few): the picture kept whole inside each. */
export const BACKGROUND_SIZES: readonly ScaleTo[] = [
  { width: 480, height: 320, fit: "inside" },
  { width: 960, height: 640, fit: "inside" },
  { width: 1920, height: 1280, fit: "inside" },
];

/** A library this size is plenty (Trello shows a handful of recent uploads). */
export const MAX_BACKGROUNDS_PER_MEMBER = 30;

/** Built-in backgrounds have names (`blue`, `photo-dunes`); uploaded ones have ids. */
export const isUploadedBackgroundId = (value: string): boolean => /^[0-9a-f]{24}$/.test(value);

export async function customBackgroundPrefs(
  ctx: Pick<AppContext, "store">,
  memberId: string,
  boardId: string,
  backgroundId: string,
): Promise<Partial<BoardPrefs>> {
  const member = await ctx.store.memberById(memberId);
  const image = member?.boardBackgrounds?.find((b) => b.id === backgroundId);
  // Only your own uploads: another member's id answers like a missing one.
  if (!image)
    throw invalid(
      "prefs/background",
      "not one of your uploaded backgrounds: upload it with POST /1/members/me/boardBackgrounds first",
    );
  const path = (size: string) => new URL(boardBackgroundUrl("http://x", boardId, image.id, size)).pathname;
  return {
    background: image.id,
    backgroundColor: image.color,
    backgroundImage: path("original"),
    backgroundCustom: {
      idMember: memberId,
      brightness: image.brightness,
      scaled: image.scaled.map((s) => ({ width: s.width, height: s.height, url: path(String(s.box)) })),
    },
  };
}

/** Trello's shape of a custom background (`GET /1/members/{id}/boardBackgrounds`). */
export function presentBackground(base: string, memberId: string, image: MemberImage) {
  return {
    id: image.id,
    type: "custom" as const,
    brightness: image.brightness,
    color: image.color,
    tile: false,
    fullSizeUrl: memberBackgroundUrl(base, memberId, image.id, "original"),
    scaled: image.scaled.map((s) => ({
      width: s.width,
      height: s.height,
      url: memberBackgroundUrl(base, memberId, image.id, String(s.box)),
    })),
  };
}
