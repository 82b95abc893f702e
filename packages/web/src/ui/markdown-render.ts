// Loaded on demand (dynamic import): marked for Markdown, DOMPurify to sanitize what it produces.
// An `@username` becomes a link to the person's page (/u/<username>), opened inside the app.
import DOMPurify from "dompurify";
import { Marked, type TokenizerAndRendererExtension } from "marked";

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** `@username` where the server's mention parser sees one (not inside a word or an e-mail address). */
const mention: TokenizerAndRendererExtension = {
  name: "mention",
  level: "inline",
  start(src) {
    const found = /(^|[^\w@])@[a-z0-9_]{3}/i.exec(src);
    return found ? found.index + found[1]!.length : undefined;
  },
  tokenizer(src) {
    const found = /^@([a-z0-9_]{3,100})(?![\w])/i.exec(src);
    if (found) return { type: "mention", raw: found[0], username: found[1]! };
    return undefined;
  },
  renderer(token) {
    const username = String(token.username).toLowerCase();
    return `<a class="mention" href="/u/${username}">@${escapeHtml(String(token.username))}</a>`;
  },
};

const marked = new Marked({
  extensions: [mention],
  gfm: true,
  breaks: true,
  renderer: {
    // Raw HTML typed by a person is displayed as the text they typed.
    html: ({ text }) => escapeHtml(text),
  },
});

DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  // Mentions stay in the app (the router handles them); every other link opens a new tab.
  if (
    node.tagName === "A" &&
    !(node.classList.contains("mention") && node.getAttribute("href")?.startsWith("/u/"))
  ) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer nofollow");
  }
});

export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ["style", "form", "input"] });
}
