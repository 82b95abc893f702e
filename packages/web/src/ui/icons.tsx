// The client's icons as inline SVG: they draw the same everywhere, where emoji and symbol glyphs
// show as empty boxes on a system without an emoji or symbol font. Each takes the text color.
import type { JSX } from "preact";

type IconName =
  | "clock"
  | "comment"
  | "checklist"
  | "description"
  | "paperclip"
  | "star"
  | "dots"
  | "move"
  | "eye"
  | "pencil"
  | "template";

const PATHS: Record<IconName, JSX.Element> = {
  clock: (
    <>
      <circle cx="8" cy="8" r="6.2" />
      <path d="M8 4.5V8l2.5 1.6" />
    </>
  ),
  comment: <path d="M2.5 3.5h11v7h-6l-3.2 2.6V10.5H2.5z" />,
  checklist: (
    <>
      <rect x="2.2" y="2.2" width="11.6" height="11.6" rx="2" />
      <path d="m5 8.2 2 2 4-4.4" />
    </>
  ),
  description: <path d="M3 4h10M3 7h10M3 10h10M3 13h6" />,
  paperclip: (
    <path d="M10.5 4.5 5.8 9.2a1.2 1.2 0 0 0 1.7 1.7l5-5a2.6 2.6 0 0 0-3.7-3.7l-5.2 5.2a4 4 0 0 0 5.7 5.7l4.2-4.2" />
  ),
  star: <path d="m8 1.8 1.9 3.9 4.3.6-3.1 3 .7 4.3L8 11.6l-3.8 2 .7-4.3-3.1-3 4.3-.6z" />,
  dots: (
    <>
      <circle cx="3.5" cy="8" r="1.1" />
      <circle cx="8" cy="8" r="1.1" />
      <circle cx="12.5" cy="8" r="1.1" />
    </>
  ),
  move: <path d="M2.5 8h10M9 4.5 12.5 8 9 11.5" />,
  eye: (
    <>
      <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" />
      <circle cx="8" cy="8" r="2" />
    </>
  ),
  pencil: <path d="M10.8 2.7a1.5 1.5 0 0 1 2.1 2.1L5.6 12.1l-2.9.8.8-2.9z" />,
  template: (
    <>
      <rect x="2.5" y="2.5" width="11" height="11" rx="1.5" />
      <path d="M2.5 6h11M6 6v7.5" />
    </>
  ),
};

export function Icon({
  name,
  size = 14,
  filled = false,
}: {
  name: IconName;
  size?: number;
  filled?: boolean;
}) {
  return (
    <svg
      class={`icon icon-${name}`}
      viewBox="0 0 16 16"
      width={size}
      height={size}
      aria-hidden="true"
      fill={filled || name === "dots" ? "currentColor" : "none"}
      stroke="currentColor"
      stroke-width="1.5"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      {PATHS[name]}
    </svg>
  );
}
