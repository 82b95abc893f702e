// The board on a 390 px phone with touch (Chromium's touch emulation): one list per screen with
// snap scrolling, a header that fits, a full-screen card dialog, touch drag and drop (long press,
// edge auto-scroll to another list) and the dialog's move-to-list-and-position controls.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, CDPSession, Page } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import {
  addCards,
  addList,
  cardIn,
  cardNames,
  createBoard,
  list,
  newPerson,
  screenshot,
} from "./support/ui.ts";

let server: TestServer;
let browser: Browser;
let phone: Page;
before(async () => {
  server = await startTackForBrowser();
  browser = await launchChromium();
  // The board is set up on a desktop, then opened on a phone by the same person.
  const { page } = await newPerson(browser, server.url, "pia");
  const boardUrl = await createBoard(page, "A board with a rather long name for a phone");
  for (const name of ["Todo", "Doing", "Done"]) await addList(page, name);
  await addCards(page, "Todo", ["t1", "t2", "t3"]);
  await addCards(page, "Doing", ["d1", "d2"]);
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    storageState: await page.context().storageState(),
  });
  phone = await context.newPage();
  phone.on("pageerror", (error) => console.error("[phone] page error:", error.message));
  await phone.goto(boardUrl);
  await cardIn(phone, "Todo", "t1").waitFor();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

test("one list per screen, snapping; the header fits; nothing overflows sideways", async () => {
  const pageWidth = await phone.evaluate<number>("document.documentElement.scrollWidth");
  assert.ok(pageWidth <= 390, `the page is ${pageWidth} px wide`);
  const title = await box(phone, ".board-title");
  assert.ok(title.height < 40, `the board title wraps: ${title.height} px tall`);
  const header = await box(phone, ".board-header");
  assert.ok(header.x >= 0 && header.x + header.width <= 390, "the header is within the screen");
  const todo = (await list(phone, "Todo").boundingBox())!;
  assert.ok(todo.width >= 340 && todo.width <= 390, `a list is ${todo.width} px wide`);
  const snap = await phone.evaluate<string>(
    `getComputedStyle(document.querySelector(".board-canvas")).scrollSnapType`,
  );
  assert.match(snap, /x mandatory/);
  // A swipe a third of the way to the next list settles on it or back: never between two lists.
  await phone.evaluate(`document.querySelector(".board-canvas").scrollBy({ left: 150 })`);
  await expect(
    async () => (await list(phone, "Todo").boundingBox())!.x,
    (x) => Math.abs(x - todo.x) < 2 || Math.abs(x - (todo.x - todo.width - 8)) < 2,
    "the canvas snapped to a list",
  );
  await phone.evaluate(`document.querySelector(".board-canvas").scrollTo({ left: 0 })`);
  await screenshot(phone, "phone-board");
});

test("the card dialog fills the screen and moves a card to a list and position", async () => {
  await cardIn(phone, "Todo", "t3").locator(".card-link").tap();
  const dialog = phone.getByRole("dialog", { name: "t3" });
  await dialog.waitFor();
  const shape = (await dialog.boundingBox())!;
  assert.equal(Math.round(shape.width), 390);
  await screenshot(phone, "phone-card-dialog");
  await dialog.getByLabel("Position in list").fill("1");
  await dialog.getByLabel("Position in list").press("Enter");
  await expect(
    () => cardNames(phone, "Todo"),
    (n) => n.join() === "t3,t1,t2",
    "t3 first in Todo",
  );
  await dialog.getByLabel("Move to list").selectOption({ label: "Doing" });
  await expect(
    () => cardNames(phone, "Doing"),
    (n) => n.join() === "d1,d2,t3",
    "t3 last in Doing",
  );
  await dialog.getByLabel("Position in list").fill("2");
  await dialog.getByLabel("Position in list").press("Enter");
  await expect(
    () => cardNames(phone, "Doing"),
    (n) => n.join() === "d1,t3,d2",
    "t3 second in Doing",
  );
  await phone.getByRole("button", { name: "Close card" }).tap();
  await dialog.waitFor({ state: "detached" });
});

/** One finger on the touch screen, through the DevTools protocol (Playwright only taps). */
class Finger {
  x = 0;
  y = 0;
  private readonly cdp: CDPSession;
  constructor(cdp: CDPSession) {
    this.cdp = cdp;
  }
  async down(x: number, y: number) {
    Object.assign(this, { x, y });
    await this.cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
  }
  async moveTo(x: number, y: number, steps = 10) {
    const from = { x: this.x, y: this.y };
    for (let i = 1; i <= steps; i++) {
      this.x = from.x + ((x - from.x) * i) / steps;
      this.y = from.y + ((y - from.y) * i) / steps;
      await this.cdp.send("Input.dispatchTouchEvent", {
        type: "touchMove",
        touchPoints: [{ x: this.x, y: this.y }],
      });
    }
  }
  async up() {
    await this.cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  }
}

/**
 * Keeps the finger in the right edge band (the board scrolls) until `name` is under the screen's
 * middle (its left edge left of `leftOf`), then leaves the band at once: on a loaded machine a
 * slower poll would scroll past it.
 */
async function holdAtEdgeUntilUnder(finger: Finger, name: string, leftOf = 200): Promise<number> {
  const x = (await list(phone, name).boundingBox())!.x;
  if (x < leftOf) await finger.moveTo(195, finger.y, 1);
  else await finger.moveTo(382 + (finger.x === 382 ? 1 : -1), finger.y, 1);
  return x;
}

test("touch drag: a long press picks a card up, the screen edge scrolls to the next list", async () => {
  const cdp = await phone.context().newCDPSession(phone);
  const finger = new Finger(cdp);
  const t1 = (await cardIn(phone, "Todo", "t1").boundingBox())!;
  await finger.down(t1.x + 30, t1.y + t1.height / 2);
  // Hold still past the long press (an input, not a timing assertion).
  await phone.waitForTimeout(700);
  await phone.locator(".touch-drag-ghost").waitFor();
  // To the right edge, and hold there until the board has scrolled Doing under the finger.
  await finger.moveTo(382, t1.y + 60);
  await expect(
    () => holdAtEdgeUntilUnder(finger, "Doing"),
    (x) => x < 200,
    "the board scrolled to Doing while the card is held at the edge",
  );
  // Back to the middle of the screen, just below Doing's first card, and let go.
  // One step out of the edge band: a slow walk through it (a loaded machine) keeps scrolling past Doing.
  const d1 = (await cardIn(phone, "Doing", "d1").boundingBox())!;
  await finger.moveTo(195, d1.y + d1.height + 2, 1);
  await screenshot(phone, "phone-touch-drag");
  await finger.up();
  await expect(
    () => cardNames(phone, "Doing"),
    (n) => n.join() === "d1,t1,t3,d2",
    "t1 dropped after d1",
  );
  await expect(
    () => cardNames(phone, "Todo"),
    (n) => n.join() === "t2",
    "t1 left Todo",
  );
  assert.equal(await phone.locator(".touch-drag-ghost").count(), 0);
});

test("a touch that moves at once scrolls the list instead of picking up a card", async () => {
  const cdp = await phone.context().newCDPSession(phone);
  const finger = new Finger(cdp);
  const d2 = (await cardIn(phone, "Doing", "d2").boundingBox())!;
  await finger.down(d2.x + 30, d2.y + 10);
  await finger.moveTo(d2.x + 30, d2.y - 60, 5);
  await finger.up();
  assert.equal(await phone.locator(".touch-drag-ghost").count(), 0);
  assert.equal((await cardNames(phone, "Doing")).join(), "d1,t1,t3,d2");
});

test("touch list reorder: a long press on a list's header picks the list up; it drops beside another", async () => {
  const cdp = await phone.context().newCDPSession(phone);
  const finger = new Finger(cdp);
  await phone.evaluate("document.querySelector('.board-canvas').scrollLeft = 0");
  const header = (await list(phone, "Todo").locator(".list-header").boundingBox())!;
  await finger.down(header.x + header.width / 2, header.y + header.height / 2);
  // Hold still past the long press (an input, not a timing assertion).
  await phone.waitForTimeout(700);
  await phone.locator(".touch-drag-ghost").waitFor();
  await finger.moveTo(382, header.y + header.height / 2);
  await expect(
    () => holdAtEdgeUntilUnder(finger, "Doing", 120),
    (x) => x < 120,
    "the board scrolled to Doing while the list is held at the edge",
  );
  // The right half of Doing: the list goes after it. Doing stops anywhere left of the middle, so
  // its right half may run off the screen: the finger lifts in the part on screen, short of the
  // edge band (40 px) where the board would scroll on.
  const doing = (await list(phone, "Doing").boundingBox())!;
  const middle = doing.x + doing.width / 2;
  const onScreen = Math.min(doing.x + doing.width, 390 - 40 - 4);
  assert.ok(onScreen - middle > 8, `Doing's right half is on screen (Doing at ${doing.x})`);
  await finger.moveTo((middle + onScreen) / 2, header.y + header.height / 2, 1);
  await finger.up();
  await expect(
    () => phone.locator(".list-title").allTextContents(),
    (names) => names.map((n) => n.trim()).join() === "Doing,Todo,Done",
    "Todo dropped after Doing",
  );
  assert.equal(await phone.locator(".touch-drag-ghost").count(), 0);
});
