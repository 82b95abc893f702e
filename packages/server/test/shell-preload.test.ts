// The HTML shell of a board's URL preloads the board's first read (decision 0035), so the server's
// work overlaps the bundle's download. Only a well-formed board key is ever written into the page;
// every other URL gets the shell as built. Real HTTP to a real Fastify with the web app installed.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { boardFrontsPath } from "@tack/shared/board-read-query";
import Fastify, { type FastifyInstance } from "fastify";
import { installWebApp } from "../src/http/web-app.ts";

const SHELL =
  '<!doctype html>\n<html lang="en">\n  <head>\n    <title>Tack</title>\n  </head>\n  <body></body>\n</html>';
let dist: string;
let web: FastifyInstance;
let url: string;

before(async () => {
  dist = mkdtempSync(join(tmpdir(), "tack-shell-"));
  writeFileSync(join(dist, "index.html"), SHELL);
  web = Fastify();
  await installWebApp(web, dist);
  url = await web.listen({ port: 0, host: "127.0.0.1" });
});
after(async () => {
  await web?.close();
  rmSync(dist, { recursive: true, force: true });
});

const shellOf = async (path: string): Promise<string> => {
  const res = await fetch(`${url}${path}`);
  assert.equal(res.status, 200);
  assert.match(String(res.headers.get("content-type")), /text\/html/);
  assert.equal(res.headers.get("cache-control"), "no-cache");
  return res.text();
};

const preloadOf = (key: string) =>
  `<link rel="preload" as="fetch" crossorigin="anonymous" href="${boardFrontsPath(key).replaceAll("&", "&amp;")}">`;

test("a board's URL, by short link or id, with or without a slug or view, preloads its read", async () => {
  for (const [path, key] of [
    ["/b/AbCd1234", "AbCd1234"],
    ["/b/AbCd1234/sprint-board", "AbCd1234"],
    ["/b/AbCd1234/sprint-board/calendar", "AbCd1234"],
    ["/b/0123456789abcdef01234567/x", "0123456789abcdef01234567"],
  ] as const) {
    const html = await shellOf(path);
    assert.ok(html.includes(preloadOf(key)), `${path}: ${html}`);
    // First in <head>, so the browser asks for the read before the bundle.
    assert.ok(html.indexOf(preloadOf(key)) < html.indexOf("<title>"), path);
    assert.equal(html.match(/rel="preload"/g)?.length, 1, path);
  }
});

test("the preload's URL is the client's read, with every & written as &amp;", async () => {
  const html = await shellOf("/b/AbCd1234");
  const href = html.match(/href="([^"]+)"/)?.[1];
  assert.ok(href);
  assert.equal(href.replaceAll("&amp;", "&"), boardFrontsPath("AbCd1234"));
  assert.ok(!/&(?!amp;)/.test(href), href);
});

test("other URLs and malformed board keys get the shell exactly as built", async () => {
  for (const path of [
    "/",
    "/c/AbCd1234/a-card",
    "/u/someone",
    "/b/short",
    "/b/AbCd12345",
    "/b/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    '/b/"><img src=x>',
    "/b/",
  ]) {
    assert.equal(await shellOf(path), SHELL, path);
  }
});
