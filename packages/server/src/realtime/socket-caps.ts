// Admission limits for WebSockets, checked before the handshake, so that one client cannot hold
// the process's file descriptors (each socket is one) and take HTTP and health checks down with
// it: open sockets per client address, sockets without a logged-in person per process, and a
// ceiling that keeps a headroom of descriptors free under the process's limit.
import { readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import proxyAddr from "@fastify/proxy-addr";
import type { ExhaustionLimits } from "../config.ts";

/** Descriptors the process keeps for itself (store, Redis, blob files, logs) beyond any socket. */
export const RESERVED_DESCRIPTORS = 64;

/** The soft limit on open files (`ulimit -n`), or null where the system does not say (not Linux). */
export function fileDescriptorLimit(): number | null {
  try {
    const line = readFileSync("/proc/self/limits", "utf8")
      .split("\n")
      .find((l) => l.startsWith("Max open files"));
    const soft = line?.split(/\s{2,}/)[1];
    const value = Number(soft);
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

function openDescriptors(): number | null {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return null;
  }
}

/** Who may speak for a client in X-Forwarded-For: the configured proxies, and no one else. */
export type ProxyTrust = (address: string, hop: number) => boolean;

export function proxyTrust(trustedProxies: readonly string[]): ProxyTrust {
  return trustedProxies.length > 0 ? proxyAddr.compile([...trustedProxies]) : () => false;
}

/**
 * The client's address by the same rule Fastify applies to HTTP requests (`trustProxy`): the peer
 * address, unless the peer is a configured proxy, whose X-Forwarded-For is then believed. From
 * anyone else the header is ignored, so a client cannot pick a fresh address per socket.
 */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string {
  return proxyAddr(request, trust) || request.socket.remoteAddress || "unknown";
}

export type CapRefusal = { status: 429 | 503; reason: string };

/** A claimed slot: `release` gives it back when the socket closes or its upgrade fails. */
export interface SocketSlot {
  release(): void;
  /** The socket turned out to have no logged-in person: count it against that cap too. */
  markAnonymous(): CapRefusal | null;
}

export class SocketCaps {
  private readonly limits: ExhaustionLimits;
  private readonly perAddress = new Map<string, number>();
  private anonymous = 0;
  private claimed = 0;
  /** Descriptors counted at the last look, and sockets claimed since (counting is not free). */
  private sampledDescriptors = 0;
  private claimedSinceSample = 0;
  private sampledAt = 0;
  readonly descriptorLimit: number | null;
  readonly socketCeiling: number;

  constructor(limits: ExhaustionLimits, descriptorLimit = fileDescriptorLimit()) {
    this.limits = limits;
    this.descriptorLimit = descriptorLimit;
    const headroom = limits.fdHeadroom ?? Math.min(1024, Math.floor((descriptorLimit ?? 4096) / 4));
    this.socketCeiling = descriptorLimit === null ? Number.POSITIVE_INFINITY : descriptorLimit - headroom;
  }

  get open(): number {
    return this.claimed;
  }

  /** Claims a slot for a socket from `address`, or says why not. */
  claim(address: string): SocketSlot | CapRefusal {
    if (this.descriptorsInUse() >= this.socketCeiling)
      return { status: 503, reason: "This server is at its connection limit: retry in a minute" };
    const fromAddress = this.perAddress.get(address) ?? 0;
    if (fromAddress >= this.limits.socketsPerAddress)
      return {
        status: 429,
        reason: `Too many open sockets from your address (at most ${this.limits.socketsPerAddress}): close some tabs`,
      };
    this.perAddress.set(address, fromAddress + 1);
    this.claimed += 1;
    this.claimedSinceSample += 1;
    let released = false;
    let anonymous = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.claimed -= 1;
        if (anonymous) this.anonymous -= 1;
        const left = (this.perAddress.get(address) ?? 1) - 1;
        if (left === 0) this.perAddress.delete(address);
        else this.perAddress.set(address, left);
      },
      markAnonymous: () => {
        if (this.anonymous >= this.limits.anonymousSockets)
          return {
            status: 503,
            reason: "Too many sockets without a login right now: log in, or retry later",
          };
        anonymous = true;
        this.anonymous += 1;
        return null;
      },
    };
  }

  /** Open descriptors now: counted at most every 250 ms, plus sockets claimed since. */
  private descriptorsInUse(): number {
    if (this.descriptorLimit === null) return 0;
    const now = Date.now();
    if (now - this.sampledAt >= 250) {
      this.sampledDescriptors = openDescriptors() ?? this.claimed;
      this.claimedSinceSample = 0;
      this.sampledAt = now;
    }
    return this.sampledDescriptors + this.claimedSinceSample;
  }
}

export function isRefusal(value: SocketSlot | CapRefusal): value is CapRefusal {
  return "status" in value;
}
