// Trello's palette for board backgrounds and label chips; Tack's gradients and pictures
// (shared/backgrounds.ts).
import { gradientOf, photoOf, photoPath } from "@tack/shared/backgrounds";

const BACKGROUNDS: Record<string, string> = {
  blue: "#0079bf",
  orange: "#d29034",
  green: "#519839",
  red: "#b04632",
  purple: "#89609e",
  pink: "#cd5a91",
  lime: "#4bbf6b",
  sky: "#00aecc",
  grey: "#838c91",
};

export function backgroundCss(
  background: string | undefined,
  prefs?: { backgroundImage?: string | null; backgroundColor?: string | null },
): string {
  if (background && BACKGROUNDS[background]) return BACKGROUNDS[background];
  // An uploaded picture (decision 0034): its id is no built-in name; the server gives its address.
  if (background && /^[0-9a-f]{24}$/.test(background) && prefs?.backgroundImage)
    return `${prefs.backgroundColor ?? "#172b4d"} url(${JSON.stringify(prefs.backgroundImage)}) center / cover no-repeat`;
  const gradient = background ? gradientOf(background) : undefined;
  if (gradient) return `linear-gradient(160deg, ${gradient.top}, ${gradient.bottom})`;
  const photo = background ? photoOf(background) : undefined;
  if (photo) return `${photo.color} url(${photoPath(photo)}) center / cover no-repeat`;
  if (background && /^#[0-9a-fA-F]{6}$/.test(background)) return background;
  return BACKGROUNDS.blue!;
}

const LABELS: Record<string, string> = {
  green: "#4bce97",
  yellow: "#f5cd47",
  orange: "#fea362",
  red: "#f87168",
  purple: "#9f8fef",
  blue: "#579dff",
  sky: "#6cc3e0",
  lime: "#94c748",
  pink: "#e774bb",
  black: "#8590a2",
};
const DARK: Record<string, string> = {
  green: "#1f845a",
  yellow: "#946f00",
  orange: "#c25100",
  red: "#c9372c",
  purple: "#6e5dc6",
  blue: "#0c66e4",
  sky: "#227d9b",
  lime: "#5b7f24",
  pink: "#ae4787",
  black: "#626f86",
};
const LIGHT: Record<string, string> = {
  green: "#baf3db",
  yellow: "#f8e6a0",
  orange: "#fedec8",
  red: "#ffd5d2",
  purple: "#dfd8fd",
  blue: "#cce0ff",
  sky: "#c6edfb",
  lime: "#d3f1a7",
  pink: "#fdd0ec",
  black: "#dcdfe4",
};

export function labelCss(color: string | null): string {
  if (!color) return "#dcdfe4";
  const [base, shade] = color.split("_") as [string, string | undefined];
  const table = shade === "dark" ? DARK : shade === "light" ? LIGHT : LABELS;
  return table[base] ?? "#dcdfe4";
}

export { BASE_LABEL_COLORS } from "@tack/shared/models";
