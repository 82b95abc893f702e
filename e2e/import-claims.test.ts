// Placeholder members in real Chromium: Ann imports a Trello export (mapping Alice to herself), so
// Bob becomes a placeholder; in the board's members panel she asks Ben to claim Bob; Ben sees the
// request on his home page, accepts, and the board is his to open, with Bob's cards now his.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { newPerson, screenshot, uniqueName } from "./support/ui.ts";

const SMALL_EXPORT = resolve(import.meta.dirname, "../packages/server/test/fixtures/trello/small.json");

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

const dialog = (page: Page) => page.getByRole("dialog");

test("an admin asks someone to claim a placeholder; they accept on their home page", async () => {
  const ann = await newPerson(browser, server.url, uniqueName("ann"));
  const ben = await newPerson(browser, server.url, uniqueName("ben"));
  await ann.page.goto("/");
  await ann.page.getByRole("button", { name: "Import from Trello" }).click();
  const box = dialog(ann.page);
  await box.getByLabel("Trello export (JSON)").setInputFiles(SMALL_EXPORT);
  await box.getByLabel("Tack username for Alice Archer (@alicearcher)").fill(ann.username);
  await box.getByRole("button", { name: "Import", exact: true }).click();
  await box.getByRole("heading", { name: /Imported/ }).waitFor();
  await box.getByRole("link", { name: "Open the board" }).click();
  await ann.page.locator(".board-header").waitFor();

  await ann.page.getByRole("button", { name: "Menu", exact: true }).click();
  const menu = ann.page.getByRole("complementary", { name: "Board menu" });
  await menu.getByRole("tab", { name: "Members" }).click();
  const bobRow = menu.locator(".member-row", { hasText: "Bob Baker" });
  await bobRow.getByText("(imported, no account yet)").waitFor();
  await bobRow.getByRole("button", { name: "Ask someone to claim" }).click();
  await bobRow.getByLabel("Username of the person who should claim Bob Baker").fill(ben.username);
  await screenshot(ann.page, "claim-ask");
  await bobRow.getByRole("button", { name: "Ask", exact: true }).click();
  await ann.page
    .getByRole("status")
    .getByText(/was asked to claim Bob Baker/)
    .waitFor();

  await ben.page.goto("/");
  const claims = ben.page.getByRole("region", { name: "Is this you?" });
  await claims.getByText("Bob Baker").waitFor();
  await screenshot(ben.page, "claim-pending");
  assert.equal(
    await ben.page.getByRole("link", { name: /Café Relaunch/ }).count(),
    1,
    "only the link in the request",
  );
  await claims.getByRole("button", { name: "Accept" }).click();
  await ben.page
    .getByRole("status")
    .getByText(/You are now Bob Baker/)
    .waitFor();
  await claims.waitFor({ state: "detached" });
  await ben.page.locator(".board-tile", { hasText: "Café Relaunch" }).locator(".board-tile-link").click();
  await ben.page.locator(".board-header").waitFor();
  assert.match(String(await ben.page.locator(".board-header").textContent()), /Café Relaunch/);
});
