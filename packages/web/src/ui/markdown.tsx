// Markdown as Trello renders descriptions and comments. The parser and sanitizer load on demand
// (they are not in the initial bundle); until they arrive the text shows as plain text. Raw HTML
// in the source is shown as text, never interpreted, and the output is sanitized once more.
import { useEffect, useState } from "preact/hooks";

type Render = (source: string) => string;
let renderer: Promise<Render> | null = null;
const loadRenderer = (): Promise<Render> => {
  renderer ??= import("./markdown-render.ts").then((m) => m.renderMarkdown);
  return renderer;
};

export function Markdown({ source, class: className }: { source: string; class?: string }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void loadRenderer().then((render) => live && setHtml(render(source)));
    return () => {
      live = false;
    };
  }, [source]);
  if (html === null) return <div class={`markdown is-plain ${className ?? ""}`}>{source}</div>;
  // Safe: `html` was sanitized by DOMPurify in markdown-render.ts.
  return <div class={`markdown ${className ?? ""}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
