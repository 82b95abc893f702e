import { slugify } from "@tack/shared/ids";

export const boardUrl = (base: string, shortLink: string, name: string): string =>
  `${base}/b/${shortLink}/${slugify(name)}`;
export const cardUrl = (base: string, shortLink: string, idShort: number, name: string): string =>
  `${base}/c/${shortLink}/${idShort}-${slugify(name)}`;
