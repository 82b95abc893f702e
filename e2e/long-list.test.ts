// A long list renders only the cards in view (ui/virtual-cards): scrolling it with the wheel to
// its end, past cards of different heights (a long, wrapping title on some), reaches its last
// card with nothing below it, and the DOM keeps a screenful of cards, not the list.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { signUpWithToken } from "../bench/lib.ts";
import { benchBoardExport, importBenchBoard } from "../bench/web-perf-board.ts";
import { launchChromium } from "./support/browser.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";

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

test("a 150-card list scrolls to its end, showing its last card at the bottom, with a screenful in the DOM", async () => {
  const { cookie, token } = await signUpWithToken(server.url, "lena", "correct horse battery");
  // 1,500 cards over 10 lists: 150 per list. Every seventh card gets a title that wraps to
  // several lines, so heights differ from the estimate both ways.
  const board = benchBoardExport(1500) as { cards: Array<{ name: string; idList: string }> };
  board.cards.forEach((card, i) => {
    if (i % 7 === 0) card.name = `${card.name} ${"with a much longer title that wraps ".repeat(4)}`;
  });
  const { shortLink } = await importBenchBoard(server.url, token, "lena", board);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const [name, value] = cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  await page.goto(`${server.url}/b/${shortLink}`);
  const list = page.locator(".list").first();
  const cards = list.locator(".list-cards > .card");
  await cards.first().waitFor();
  const lastName = board.cards.filter((c) => c.idList === board.cards[0]!.idList).at(-1)!.name;

  const body = (await list.locator(".list-cards").boundingBox())!;
  await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2);
  for (let i = 0; i < 200 && (await list.getByText(lastName, { exact: true }).count()) === 0; i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(30);
  }
  const last = list.getByText(lastName, { exact: true });
  await last.waitFor();
  await page.waitForTimeout(300); // measured heights settle the window
  assert.ok(await last.isVisible(), "the list's last card is on screen at the end of the scroll");
  const rendered = await cards.count();
  assert.ok(rendered < 60, `a screenful of cards in the DOM, not all 150 (${rendered})`);

  // Scrolled past its end, the list ends with its last card: the space below it is the list's
  // padding, not a spacer sized from wrong heights.
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 600);
  await page.waitForTimeout(300);
  const cardBox = (await last.boundingBox())!;
  const listBox = (await list.locator(".list-cards").boundingBox())!;
  assert.ok(
    cardBox.y >= listBox.y && cardBox.y + cardBox.height <= listBox.y + listBox.height + 1,
    "the last card is inside the list's view",
  );
  assert.ok(
    listBox.y + listBox.height - (cardBox.y + cardBox.height) < 40,
    `no blank below the last card (${listBox.y + listBox.height - (cardBox.y + cardBox.height)} px)`,
  );
  await context.close();
});
