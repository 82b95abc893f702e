// Which browser Origins may write with a session cookie (and open a cookie socket). With a public
// URL configured the rule is strict: that URL's origin and TACK_ALLOWED_ORIGINS only. On the
// embedded default (no TACK_PUBLIC_URL) a person may open Tack as localhost, 127.0.0.1 or [::1]:
// a page is then allowed when its Origin is the very host it asked (same origin) and that host is
// a loopback name. A page elsewhere cannot pass (its Origin names its own host), and a DNS-rebound
// name is not a loopback name, so the Host it sends does not pass either.
import type { AppContext } from "../context.ts";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function configuredOrigins(ctx: AppContext): Set<string> {
  return new Set([new URL(ctx.config.publicUrl).origin, ...ctx.config.allowedOrigins]);
}

/** True when a browser page at `origin`, asking `host`, may use the session cookie here. */
export function originAllowed(
  ctx: AppContext,
  origins: ReadonlySet<string>,
  origin: string,
  host: string | undefined,
): boolean {
  if (origins.has(origin)) return true;
  if (ctx.config.publicUrlConfigured || host === undefined) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return (
    parsed.protocol === "http:" && parsed.host === host.toLowerCase() && LOOPBACK_HOSTS.has(parsed.hostname)
  );
}
