import { hash, timingSafeEqual } from "node:crypto";

/**
 * Stored form of a session id or API token: a leaked database holds no usable secret. Every
 * authenticated request hashes its credential: the one-shot `hash` makes no Hash object, a third
 * of `createHash(…).update(…).digest(…)`'s time (0.5 against 1.6 µs here).
 */
export function sha256(secret: string): string {
  return hash("sha256", secret, "hex");
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
