// Calls a webhook's callback URL without letting a webhook reach inside the network Tack runs in
// (SSRF; docs/security.md, "Webhooks"). The host is resolved once, every address it resolves to
// must be public (not loopback, link-local, private, shared, multicast or reserved) unless the
// operator allowed it, and the request goes to the address that was checked, so a second DNS answer
// cannot swap in another (rebinding). Redirects are not followed: a 3xx is an answer like any other
// non-2xx, so no redirect can lead to an internal address either.
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";

export interface CallbackPolicy {
  /** Any address is allowed (TACK_WEBHOOK_ALLOW_PRIVATE: tests, or a trusted network). */
  allowPrivate: boolean;
  /** Addresses or CIDR ranges allowed although they are in a blocked range. */
  allowedAddresses: readonly string[];
}

export class CallbackRefused extends Error {}

const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // shared (carrier-grade NAT)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  BLOCKED.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["fe80::", 10], // link-local
  ["fc00::", 7], // unique local (private)
  ["ff00::", 8], // multicast
  ["64:ff9b::", 96], // NAT64: embeds an IPv4 address
  ["2002::", 16], // 6to4: embeds an IPv4 address
] as const)
  BLOCKED.addSubnet(net, prefix, "ipv6");

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, `::ffff:7f00:1`), else null. */
function mappedIpv4(address: string): string | null {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1] ?? null;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const high = Number.parseInt(hex[1] ?? "0", 16);
  const low = Number.parseInt(hex[2] ?? "0", 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

function allowList(policy: CallbackPolicy): BlockList {
  const list = new BlockList();
  for (const entry of policy.allowedAddresses) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** True when a callback may not reach this address under the policy. */
export function isForbiddenAddress(address: string, policy: CallbackPolicy): boolean {
  if (policy.allowPrivate) return false;
  const v4 = isIP(address) === 4 ? address : mappedIpv4(address);
  const [checked, family] = v4 ? [v4, "ipv4" as const] : [address, "ipv6" as const];
  if (!BLOCKED.check(checked, family)) return false;
  return !allowList(policy).check(checked, family);
}

/** Resolves the URL's host and checks every address; the first is the one to connect to. */
async function checkedAddress(url: URL, policy: CallbackPolicy): Promise<{ address: string; family: 4 | 6 }> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const found = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true }).catch(() => {
        throw new CallbackRefused(`The host of ${url.href} could not be resolved`);
      });
  if (found.length === 0) throw new CallbackRefused(`The host of ${url.href} could not be resolved`);
  for (const { address } of found)
    if (isForbiddenAddress(address, policy))
      throw new CallbackRefused(
        `${url.href} resolves to ${address}, a loopback, link-local or private address: webhooks may only call public addresses`,
      );
  const first = found[0] as { address: string; family: number };
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

export interface CallbackRequest {
  method: "HEAD" | "POST";
  body?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

/**
 * Sends the request and answers the response's status. Throws CallbackRefused for an address the
 * policy forbids, and an ordinary error when the callback cannot be reached or does not answer in time.
 */
export async function callCallback(
  raw: string,
  request: CallbackRequest,
  policy: CallbackPolicy,
): Promise<number> {
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new CallbackRefused(`${raw} is not an http or https URL`);
  const pinned = await checkedAddress(url, policy);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: request.method,
        headers: {
          "user-agent": "Tack-Webhooks",
          ...(request.body !== undefined && {
            "content-type": "application/json",
            "content-length": String(Buffer.byteLength(request.body)),
          }),
          ...request.headers,
        },
        // Connect to the address that was checked, whatever the resolver would say now.
        lookup: (_host, options, done) => {
          if ((options as { all?: boolean }).all) done(null, [pinned] as never, undefined as never);
          else done(null, pinned.address, pinned.family);
        },
        timeout: request.timeoutMs,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("timeout", () =>
      req.destroy(new Error(`${url.origin} did not answer within ${request.timeoutMs} ms`)),
    );
    req.on("error", reject);
    req.end(request.body);
  });
}
