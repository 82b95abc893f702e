// Small helpers for showing attachments: the preview that fits a width, sizes, and a file's kind.
import type { Attachment } from "@tack/shared/models";

type Preview = Attachment["previews"][number];

/** The smallest preview at least `width` pixels wide (or the largest there is), for sharp thumbnails. */
export function previewFor(previews: readonly Preview[], width: number): Preview | undefined {
  const wide = devicePixelRatio > 1 ? width * 2 : width;
  const sorted = [...previews].sort((a, b) => a.width - b.width);
  return sorted.find((p) => p.width >= wide) ?? sorted[sorted.length - 1];
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A short tag for a file without a thumbnail: its extension, or LINK. */
export function kindTag(a: Attachment): string {
  if (!a.isUpload) return "LINK";
  const dot = a.name.lastIndexOf(".");
  return dot > 0 ? a.name.slice(dot + 1, dot + 5).toUpperCase() : "FILE";
}
