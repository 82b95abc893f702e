// The web client's service worker file: always revalidated (a deploy's worker is found at once),
// served as JavaScript under the shell's CSP (the policy the worker itself runs with, which lets it
// fetch from our origin), and a missing build answers 404, never the HTML shell.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { installSecurityHeaders, WEB_CLIENT_CSP } from "../src/http/security-headers.ts";
import { installWebApp } from "../src/http/web-app.ts";

const WORKER = "self.addEventListener('fetch', () => undefined);";
const dists: string[] = [];
const apps: FastifyInstance[] = [];
after(async () => {
  for (const app of apps) await app.close();
  for (const dist of dists) rmSync(dist, { recursive: true, force: true });
});

async function webApp(files: Record<string, string>): Promise<string> {
  const dist = mkdtempSync(join(tmpdir(), "tack-web-sw-"));
  dists.push(dist);
  mkdirSync(join(dist, "assets"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dist, name), text);
  const app = Fastify();
  apps.push(app);
  installSecurityHeaders(app);
  await installWebApp(app, dist);
  return app.listen({ port: 0, host: "127.0.0.1" });
}

test("sw.js is served as revalidated JavaScript under the shell's CSP", async () => {
  const url = await webApp({ "index.html": "<!doctype html><title>Tack</title>", "sw.js": WORKER });
  const response = await fetch(`${url}/sw.js`);
  assert.equal(response.status, 200);
  assert.equal(await response.text(), WORKER);
  assert.match(response.headers.get("content-type") ?? "", /^text\/javascript/);
  assert.equal(response.headers.get("cache-control"), "no-cache");
  assert.equal(response.headers.get("content-security-policy"), WEB_CLIENT_CSP);
  // The shell still answers app URLs.
  const shell = await fetch(`${url}/b/abc`);
  assert.match(shell.headers.get("content-type") ?? "", /^text\/html/);
});

test("without a built worker, /sw.js answers 404 with a message, not the shell", async () => {
  const url = await webApp({ "index.html": "<!doctype html><title>Tack</title>" });
  const response = await fetch(`${url}/sw.js`);
  assert.equal(response.status, 404);
  const body = (await response.json()) as { error: string; message: string };
  assert.equal(body.error, "not_found");
  assert.match(body.message, /npm run build/);
});
