// Response headers that hold for every answer: the web client's shell gets a strict
// Content-Security-Policy (only our own scripts, no inline script, never framed); API answers get
// one that forbids everything, since JSON is never a document to render. Downloads set their own,
// stricter still (attachments/serve-blob.ts), and keep it.
import type { FastifyInstance } from "fastify";

/** The web client: scripts and styles from our origin only, sockets to our origin only. */
export const WEB_CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Link attachments and covers may show images from anywhere; nothing else leaves the origin.
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Anything that is not the shell or a download: nothing to load, run or frame. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Name and value pairs, made once: every answer sets them. */
const ALWAYS: ReadonlyArray<readonly [string, string]> = [
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "same-origin"],
  [
    "permissions-policy",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()",
  ],
  ["x-frame-options", "DENY"],
  ["cross-origin-opener-policy", "same-origin"],
];

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", (_request, reply, payload, done) => {
    for (const [name, value] of ALWAYS) if (!reply.hasHeader(name)) reply.header(name, value);
    if (!reply.hasHeader("content-security-policy")) {
      const type = String(reply.getHeader("content-type") ?? "");
      reply.header("content-security-policy", type.startsWith("text/html") ? WEB_CLIENT_CSP : API_CSP);
    }
    done(null, payload);
  });
}
