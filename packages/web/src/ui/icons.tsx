// The client's icons: a span drawn by its shape's mask in the text's colour (icons.css), so they
// look the same everywhere, where emoji and symbol glyphs show as empty boxes on a system without
// an emoji or symbol font.
import "./icons.css";

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

export function Icon({
  name,
  size = 14,
  filled = false,
}: {
  name: IconName;
  size?: 12 | 14;
  filled?: boolean;
}) {
  const classes = `icon icon-${name}${size === 12 ? " icon-sm" : ""}${filled ? " is-filled" : ""}`;
  return <span class={classes} aria-hidden="true" />;
}
