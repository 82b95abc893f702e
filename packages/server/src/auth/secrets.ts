import { createHash, timingSafeEqual } from "node:crypto";

/** Stored form of a session id or API token: a leaked database holds no usable secret. */
export function sha256(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
