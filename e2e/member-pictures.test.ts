// Uploaded pictures (decision 0034): an avatar uploaded on the account page shows in the top bar,
// and a photo uploaded in the board menu becomes the board's background for a second viewer too.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { createBoard, inviteMember, newPerson, screenshot } from "./support/ui.ts";

const DOCS = resolve(import.meta.dirname, "../docs/screenshots");
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

/** A sunset-like picture: a gradient sky and a sun, so a screenshot shows it is a photo. */
const picture = (width: number, height: number, color: string) =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${color}"/><stop offset="1" stop-color="#f4a261"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width * 0.7}" cy="${height * 0.45}" r="${Math.min(width, height) * 0.15}" fill="#ffd166"/></svg>`,
    ),
  )
    .png()
    .toBuffer();

test("an avatar uploaded on the account page shows in the top bar; removing it brings back initials", async () => {
  const { page } = await newPerson(browser, server.url, "avery");
  await page.goto("/account");
  await page.getByLabel("Upload avatar").setInputFiles({
    name: "me.png",
    mimeType: "image/png",
    buffer: await picture(300, 300, "#e2483d"),
  });
  const topBarPicture = page.locator(".top-bar .avatar img");
  await topBarPicture.waitFor();
  assert.match(
    (await topBarPicture.getAttribute("src")) ?? "",
    /\/1\/members\/[0-9a-f]{24}\/avatars\/[0-9a-f]{24}\/50\.png$/,
  );
  await expect(
    () => topBarPicture.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    (w) => w === 50,
    "the 50 px avatar loaded",
  );
  await screenshot(page, "34-avatar-upload");
  await page.screenshot({ path: resolve(DOCS, "avatar-upload.png") });
  // A text file dressed as a picture is refused with the server's message.
  await page.getByLabel("Upload avatar").setInputFiles({
    name: "fake.png",
    mimeType: "image/png",
    buffer: Buffer.from("not a picture"),
  });
  await page.getByRole("alert").filter({ hasText: "PNG, JPEG, GIF or WebP" }).waitFor();
  await page.getByRole("button", { name: "Remove avatar" }).click();
  await topBarPicture.waitFor({ state: "detached" });
});

test("a photo uploaded in Change background becomes the board's background for another viewer", async () => {
  const owner = await newPerson(browser, server.url, "bianca");
  const viewer = await newPerson(browser, server.url, "viktor");
  const url = await createBoard(owner.page, "Holiday plans");
  await inviteMember(owner.page, "viktor");
  await viewer.page.goto(url);
  await viewer.page.locator(".board-header").waitFor();

  await owner.page.getByRole("button", { name: "Menu", exact: true }).click();
  const menu = owner.page.getByRole("complementary", { name: "Board menu" });
  await menu.getByRole("tab", { name: "Change background" }).click();
  await menu.getByLabel("Upload a photo").setInputFiles({
    name: "beach.png",
    mimeType: "image/png",
    buffer: await picture(1600, 900, "#2a9d8f"),
  });
  await menu.getByRole("button", { name: "Your photo" }).waitFor();
  const usesUpload = (style: string | null) =>
    /\/1\/boards\/[0-9a-f]{24}\/backgroundImage\//.test(style ?? "");
  await expect(
    () => owner.page.locator(".board-page").getAttribute("style"),
    usesUpload,
    "owner sees the photo",
  );
  await expect(
    () => viewer.page.locator(".board-page").getAttribute("style"),
    usesUpload,
    "viewer sees it live",
  );
  await screenshot(owner.page, "35-board-background-upload");
  await owner.page.screenshot({ path: resolve(DOCS, "board-background-upload.png") });
  await viewer.page.reload();
  await expect(() => viewer.page.locator(".board-page").getAttribute("style"), usesUpload, "after a reload");
});
