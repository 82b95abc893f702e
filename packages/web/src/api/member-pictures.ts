// Your avatar and uploaded board backgrounds (Trello's /1/members/me/avatar and boardBackgrounds).
import type { Member } from "@tack/shared/models";
import { del, get, sendForm } from "./http.ts";
import { memberFrom } from "./normalize.ts";

type Raw = Record<string, unknown>;

export interface UploadedBackground {
  id: string;
  color: string;
  fullSizeUrl: string;
  scaled: Array<{ width: number; height: number; url: string }>;
}

function formWith(file: File): FormData {
  const form = new FormData();
  form.append("file", file, file.name);
  return form;
}

export const uploadAvatar = async (file: File): Promise<Member> =>
  memberFrom(await sendForm<Raw>("/1/members/me/avatar", formWith(file)));
export const removeAvatar = async (): Promise<Member> => memberFrom(await del<Raw>("/1/members/me/avatar"));

export const listBackgrounds = (): Promise<UploadedBackground[]> =>
  get<UploadedBackground[]>("/1/members/me/boardBackgrounds");
export const uploadBackground = (file: File): Promise<UploadedBackground> =>
  sendForm<UploadedBackground>("/1/members/me/boardBackgrounds", formWith(file));
