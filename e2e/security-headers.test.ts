// The web client works under its strict Content-Security-Policy: signing up, opening a board,
// adding a card and opening it raise no CSP violation (every `securitypolicyviolation` event and
// every console report is collected), and the shell carries the security headers.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { addCards, addList, connection, createBoard } from "./support/ui.ts";

let server: TestServer;
let browser: Browser;

before(async () => {
  server = await startTackForBrowser();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Collects CSP violations from the page (DOM events) and from the console. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) fromConsole.push(message.text());
  });
  // A string, not a function: the root tsconfig has no DOM types.
  await page.addInitScript({
    content: `
      const seen = [];
      globalThis.__cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (event) => {
        seen.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
          " (" + event.sourceFile + ":" + event.lineNumber + ")");
      });`,
  });
  return async () => [
    ...fromConsole,
    ...(await page.evaluate(
      () => (globalThis as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
    )),
  ];
}

test("the shell carries a strict CSP and the other security headers", async () => {
  const res = await fetch(`${server.url}/`);
  const csp = res.headers.get("content-security-policy") ?? "";
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.equal(res.headers.get("referrer-policy"), "same-origin");
  assert.match(res.headers.get("permissions-policy") ?? "", /camera=\(\)/);
  const api = await fetch(`${server.url}/1/members/me`);
  assert.match(api.headers.get("content-security-policy") ?? "", /default-src 'none'/);
  assert.equal(api.headers.get("x-content-type-options"), "nosniff");
});

test("sign up, open a board, add a card and open it without a CSP violation", async () => {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const violations = await watchViolations(page);
  // Signing up as a person does (support/ui.ts's newPerson, with the watch in place first).
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Csp Tester");
  await page.getByLabel("Username").fill("csp");
  await page.getByLabel("Email").fill("csp@example.test");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByRole("button", { name: "Log out" }).waitFor();
  await createBoard(page, "Headers");
  await addList(page, "To do");
  await addCards(page, "To do", ["Strict card"]);
  await page.locator(".card", { hasText: "Strict card" }).click();
  const dialog = page.getByRole("dialog", { name: "Strict card" });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Add a more detailed description…" }).click();
  await dialog.getByRole("textbox", { name: "Description" }).fill("Some **bold** words");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await dialog.locator(".card-desc strong", { hasText: "bold" }).waitFor();
  // The live connection works under connect-src 'self'.
  await expect(
    () => connection(page),
    (state) => state === "live",
    "socket connected",
  );
  assert.deepEqual(await violations(), []);
  // The watch itself works: an inline script the policy forbids is reported.
  await page.evaluate(`{
    const script = document.createElement("script");
    script.textContent = "document.title = 'ran'";
    document.body.append(script);
  }`);

  await expect(violations, (found) => found.some((v) => /script-src/.test(v)), "the inline script reported");
  assert.notEqual(await page.title(), "ran");
  await context.close();
});
