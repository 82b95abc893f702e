// A real HTTP receiver for webhook tests: records every request (method, headers, body) and
// answers by a plan the test sets (a status per request, or a default), so tests can make it fail
// a few times, redirect, or accept.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Statuses for the next POSTs, in order; then `status`. */
  plan: number[] = [];
  status = 200;
  headStatus = 200;
  /** How long each POST waits before it is answered (a slow receiver). */
  delayMs = 0;
  /** Where a 3xx answer points. */
  location = "";
  private server: Server | null = null;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        if (req.method === "POST" && this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
        this.received.push({
          method: req.method ?? "",
          path: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        const status = req.method === "HEAD" ? this.headStatus : (this.plan.shift() ?? this.status);
        res.writeHead(
          status,
          this.location && status >= 300 && status < 400 ? { location: this.location } : {},
        );
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  posts(path?: string): Received[] {
    return this.received.filter((r) => r.method === "POST" && (path === undefined || r.path === path));
  }

  heads(): Received[] {
    return this.received.filter((r) => r.method === "HEAD");
  }

  /** Waits until `count` POSTs (to `path`, if given) arrived. */
  async waitForPosts(count: number, path?: string, timeoutMs = 15_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.posts(path).length < count) {
      if (Date.now() > deadline)
        throw new Error(
          `expected ${count} deliveries to ${path ?? "any path"}, got ${this.posts(path).length}`,
        );
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.posts(path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** Checks X-Trello-Webhook the way Trello's documentation tells a receiver to. */
export function validSignature(secret: string, received: Received, callbackURL: string): boolean {
  const expected = createHmac("sha1", secret)
    .update(received.body + callbackURL)
    .digest("base64");
  return received.headers["x-trello-webhook"] === expected;
}
