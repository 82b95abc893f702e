// The board backgrounds Tack ships: Trello's nine colors, gradients (drawn in CSS by the web
// client) and abstract pictures (small SVGs served at /backgrounds/<file>, made for Tack, no
// license strings attached). One catalogue for the server (prefs in API answers) and the web.
import { BACKGROUND_COLORS, BACKGROUND_HEX, type CustomBackgroundPrefs } from "./models.ts";

export type Brightness = "dark" | "light";

export interface GradientBackground {
  id: `gradient-${string}`;
  name: string;
  top: string;
  bottom: string;
  brightness: Brightness;
}

export interface PhotoBackground {
  id: `photo-${string}`;
  name: string;
  /** File under /backgrounds/ (packages/web/public/backgrounds). */
  file: string;
  /** The picture's main color, shown while it loads and reported as backgroundColor. */
  color: string;
  brightness: Brightness;
}

export const GRADIENTS: readonly GradientBackground[] = [
  { id: "gradient-ocean", name: "Ocean", top: "#0c66e4", bottom: "#09326c", brightness: "dark" },
  { id: "gradient-sunset", name: "Sunset", top: "#f87462", bottom: "#7f5f01", brightness: "dark" },
  { id: "gradient-forest", name: "Forest", top: "#4bce97", bottom: "#164b35", brightness: "dark" },
  { id: "gradient-candy", name: "Candy", top: "#e774bb", bottom: "#6e5dc6", brightness: "dark" },
  { id: "gradient-night", name: "Night", top: "#44546f", bottom: "#091e42", brightness: "dark" },
  { id: "gradient-snow", name: "Snow", top: "#f1f2f4", bottom: "#b3d4ff", brightness: "light" },
];

export const PHOTOS: readonly PhotoBackground[] = [
  { id: "photo-dunes", name: "Dunes", file: "dunes.svg", color: "#c9773b", brightness: "dark" },
  { id: "photo-aurora", name: "Aurora", file: "aurora.svg", color: "#0b1f3a", brightness: "dark" },
  { id: "photo-peaks", name: "Peaks", file: "peaks.svg", color: "#5b7fa6", brightness: "dark" },
  { id: "photo-bubbles", name: "Bubbles", file: "bubbles.svg", color: "#1f845a", brightness: "dark" },
];

export const BACKGROUND_IDS = [
  ...BACKGROUND_COLORS,
  ...GRADIENTS.map((g) => g.id),
  ...PHOTOS.map((p) => p.id),
] as [string, ...string[]];

/** Sizes Trello lists in backgroundImageScaled; an SVG serves every one from the same file. */
const SCALED_WIDTHS = [
  [480, 320],
  [960, 640],
  [1920, 1280],
] as const;

export const gradientOf = (id: string) => GRADIENTS.find((g) => g.id === id);
export const photoOf = (id: string) => PHOTOS.find((p) => p.id === id);
export const photoPath = (photo: PhotoBackground) => `/backgrounds/${photo.file}`;

/** The stored prefs a chosen background sets: its color, and the picture's path for a photo. */
export function backgroundPrefs(id: string): {
  background: string;
  backgroundColor: string;
  backgroundImage: string | null;
} {
  const photo = photoOf(id);
  if (photo) return { background: id, backgroundColor: photo.color, backgroundImage: photoPath(photo) };
  const gradient = gradientOf(id);
  if (gradient) return { background: id, backgroundColor: gradient.top, backgroundImage: null };
  const color = BACKGROUND_HEX[id as keyof typeof BACKGROUND_HEX] ?? BACKGROUND_HEX.blue;
  return { background: id, backgroundColor: color, backgroundImage: null };
}

/** Trello's derived background prefs for an answer: absolute image URL, scaled copies, tiling,
 * brightness and the gradient's top and bottom colors. */
export function backgroundAnswer(
  base: string,
  prefs: {
    background: string;
    backgroundColor: string;
    backgroundImage: string | null;
    backgroundCustom?: CustomBackgroundPrefs | null;
  },
) {
  const absolute = (url: string) => (url.startsWith("/") ? `${base}${url}` : url);
  const image = prefs.backgroundImage?.startsWith("/")
    ? `${base}${prefs.backgroundImage}`
    : prefs.backgroundImage;
  const gradient = gradientOf(prefs.background);
  const photo = photoOf(prefs.background);
  return {
    background: prefs.background,
    backgroundColor: image && !photo ? null : prefs.backgroundColor,
    backgroundImage: image,
    backgroundImageScaled: prefs.backgroundCustom
      ? prefs.backgroundCustom.scaled.map((s) => ({ ...s, url: absolute(s.url) }))
      : image
        ? SCALED_WIDTHS.map(([width, height]) => ({ width, height, url: image }))
        : null,
    backgroundTile: false,
    backgroundBrightness:
      gradient?.brightness ?? photo?.brightness ?? prefs.backgroundCustom?.brightness ?? "dark",
    backgroundTopColor: gradient?.top ?? prefs.backgroundColor,
    backgroundBottomColor: gradient?.bottom ?? prefs.backgroundColor,
  };
}
