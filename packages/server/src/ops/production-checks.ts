// Settings that are fine on a laptop and dangerous on the internet. With NODE_ENV=production Tack
// refuses to start while any of them is present, and says how to fix each one.
//
// Tack has no signing secret to get wrong: session cookies and API tokens are random values that
// the store keeps only as SHA-256 hashes (auth/secrets.ts). What production needs is TLS for those
// credentials and real passwords on the services that hold the data.
import type { Config } from "../config.ts";

/** Passwords that scanners try first; a database or Redis protected by one is unprotected. */
const WEAK_PASSWORDS = new Set([
  "",
  "postgres",
  "password",
  "changeme",
  "secret",
  "tack",
  "admin",
  "root",
  "redis",
]);
const MIN_PASSWORD_LENGTH = 12;

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || host.startsWith("127.") || host === "";
}

/** A trusted-proxy entry that covers (part of) the internet: everything, or a prefix shorter than /8. */
function tooWideToTrust(entry: string): boolean {
  const [, bits] = entry.split("/");
  if (bits === undefined) return false;
  const prefix = Number(bits);
  return entry.includes(":") ? prefix < 16 : prefix < 8;
}

/** A problem with a service URL's password, or null when it is fine or the service is local. */
function weakPassword(name: string, raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${name} is not a valid URL`;
  }
  // A service on this machine may rely on local trust (peer auth, a firewall); a remote one may not.
  if (isLoopback(url.hostname)) return null;
  const password = decodeURIComponent(url.password);
  if (WEAK_PASSWORDS.has(password.toLowerCase()) || password.length < MIN_PASSWORD_LENGTH)
    return `${name} points at ${url.hostname} with a missing or weak password: use a random password of ${MIN_PASSWORD_LENGTH}+ characters`;
  return null;
}

export function insecureSettings(config: Config): string[] {
  const problems: string[] = [];
  if (!config.publicUrl.startsWith("https://"))
    problems.push(
      `TACK_PUBLIC_URL is ${config.publicUrl}: serve Tack over HTTPS (terminate TLS in HAProxy, see docs/operations.md) and set TACK_PUBLIC_URL=https://...`,
    );
  if (!config.secureCookies)
    problems.push("TACK_SECURE_COOKIES=false sends session cookies over plain HTTP: remove it");
  for (const origin of config.allowedOrigins)
    if (!origin.startsWith("https://"))
      problems.push(
        `TACK_ALLOWED_ORIGINS contains ${origin}: only https:// origins may write with a session`,
      );
  if (config.databaseUrl) {
    const problem = weakPassword("DATABASE_URL", config.databaseUrl);
    if (problem) problems.push(problem);
  }
  if (config.redisUrl) {
    const problem = weakPassword("REDIS_URL", config.redisUrl);
    if (problem) problems.push(problem);
  }
  const blobs = config.attachments.store;
  if (
    blobs.kind === "s3" &&
    blobs.endpoint?.startsWith("http://") &&
    !isLoopback(new URL(blobs.endpoint).hostname)
  )
    problems.push(
      `TACK_S3_ENDPOINT is ${blobs.endpoint}: attachments and S3 credentials would cross the network unencrypted; use https://`,
    );
  for (const proxy of config.trustedProxies)
    if (tooWideToTrust(proxy))
      problems.push(
        `TACK_TRUSTED_PROXIES contains ${proxy}: any client in it may forge X-Forwarded-For and dodge the login and socket limits; name your proxies (e.g. loopback, or HAProxy's address)`,
      );
  if (config.logLevel === "trace" || config.logLevel === "debug")
    problems.push(`LOG_LEVEL=${config.logLevel} logs request details: use info or warn in production`);
  return problems;
}

/** Throws with every problem listed when production settings are unsafe. */
export function assertSafeForProduction(config: Config): void {
  if (!config.production) return;
  const problems = insecureSettings(config);
  if (problems.length > 0)
    throw new Error(
      `Refusing to start in production (NODE_ENV=production) with insecure settings:\n- ${problems.join("\n- ")}`,
    );
}
