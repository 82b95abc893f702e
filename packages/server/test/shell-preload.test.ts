// The HTML shell preloads the app's first reads (decision 0035), so the server's work overlaps the
// bundle's download: the session probe when the browser has a session cookie, and on a board's URL
// the board's first read. Only a well-formed board key is ever written into the page; every other
// URL gets the shell as built. Real HTTP to a real Fastify with the web app installed.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import fastifyCookie from "@fastify/cookie";
import { boardFirstPaintPath } from "@tack/shared/board-read-query";
import Fastify, { type FastifyInstance } from "fastify";
import { SESSION_COOKIE } from "../src/auth/authenticate.ts";
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
  await web.register(fastifyCookie);
  await installWebApp(web, dist);
  url = await web.listen({ port: 0, host: "127.0.0.1" });
});
after(async () => {
  await web?.close();
  rmSync(dist, { recursive: true, force: true });
});

const shellOf = async (path: string, cookie?: string): Promise<string> => {
  const res = await fetch(`${url}${path}`, { headers: cookie ? { cookie } : {} });
  assert.equal(res.status, 200);
  assert.match(String(res.headers.get("content-type")), /text\/html/);
  assert.equal(res.headers.get("cache-control"), "no-cache");
  return res.text();
};

const preloadOf = (key: string) =>
  `<link rel="preload" as="fetch" crossorigin="anonymous" href="${boardFirstPaintPath(key).replaceAll("&", "&amp;")}">`;

test("a board's URL, by short link or id, with or without a slug or view, preloads its read", async () => {
  for (const [path, key] of [
    ["/b/AbCd1234", "AbCd1234"],
    ["/b/AbCd1234/sprint-board", "AbCd1234"],
    ["/b/AbCd1234/sprint-board/calendar", "AbCd1234"],
    ["/b/0123456789abcdef01234567/x", "0123456789abcdef01234567"],
  ] as const) {
    const html = await shellOf(path);
    assert.ok(html.includes(preloadOf(key)), `${path}: ${html}`);
    // In <head>, after the shell's own scripts: those are answered first (from memory).
    assert.ok(html.indexOf(preloadOf(key)) > html.indexOf("<title>"), path);
    assert.ok(html.indexOf(preloadOf(key)) < html.indexOf("</head>"), path);
    assert.equal(html.match(/rel="preload"/g)?.length, 1, path);
  }
});

test("the preload's URL is the client's read, with every & written as &amp;", async () => {
  const html = await shellOf("/b/AbCd1234");
  const href = html.match(/href="([^"]+)"/)?.[1];
  assert.ok(href);
  assert.equal(href.replaceAll("&amp;", "&"), boardFirstPaintPath("AbCd1234"));
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

test("a browser with a session cookie also preloads the session probe, on every app URL", async () => {
  const session = '<link rel="preload" as="fetch" crossorigin="anonymous" href="/auth/session">';
  const cookie = `${SESSION_COOKIE}=abc`;
  const home = await shellOf("/", cookie);
  assert.ok(home.includes(session), home);
  const board = await shellOf("/b/AbCd1234/x", cookie);
  assert.ok(board.includes(session) && board.includes(preloadOf("AbCd1234")), board);
  assert.equal(board.match(/rel="preload"/g)?.length, 2);
  // Another cookie is no session: nothing to preload.
  assert.equal(await shellOf("/", "theme=dark"), SHELL);
});
