// Regenerates docs/screenshots/*-1280.png (and the board at 390 px) from a real server and
// Chromium, with a small demo board: `node_modules/.bin/node scripts/docs-screenshots.ts`
// (after `npm run build`). Indexed in docs/screenshots.md.
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { launchChromium } from "../e2e/support/browser.ts";
import { startTackForBrowser } from "../e2e/support/server.ts";
import { addCards, addList, createBoard, newPerson } from "../e2e/support/ui.ts";

const OUT = resolve(import.meta.dirname, "../docs/screenshots");
const shot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/${name}.png` });

async function api<T = Record<string, unknown>>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch("/auth/session")).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return res.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

const server = await startTackForBrowser();
const browser = await launchChromium();
try {
  const { page } = await newPerson(browser, server.url, "ada");
  await createBoard(page, "Garden shed");
  await createBoard(page, "Reading list");
  const url = await createBoard(page, "Product launch");
  for (const name of ["Ideas", "Doing", "Done"]) await addList(page, name);
  await addCards(page, "Ideas", ["Pricing page", "Press kit", "Launch video script"]);
  await addCards(page, "Doing", ["Beta feedback survey", "Landing page copy"]);
  await addCards(page, "Done", ["Pick the launch date"]);
  const boardId = await page.locator(".board-page").getAttribute("data-board-id");
  const cards = await api<{ id: string; name: string }[]>(page, "GET", `/1/boards/${boardId}/cards`);
  const id = (n: string) => cards.find((c) => c.name === n)!.id;
  const labels = await api<{ id: string; color: string }[]>(page, "GET", `/1/boards/${boardId}/labels`);
  const label = (c: string) => labels.find((l) => l.color === c)!.id;
  const me = await api(page, "GET", "/1/members/me");
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
  await api(page, "PUT", `/1/cards/${id("Pricing page")}`, {
    idLabels: label("green"),
    due: day(2),
    desc: "Three tiers; **annual** discount.",
  });
  await api(page, "PUT", `/1/cards/${id("Press kit")}`, {
    idLabels: `${label("yellow")},${label("blue")}`,
    idMembers: me.id,
  });
  await api(page, "PUT", `/1/cards/${id("Beta feedback survey")}`, {
    idLabels: label("red"),
    due: day(-1),
    idMembers: me.id,
  });
  await api(page, "PUT", `/1/cards/${id("Landing page copy")}`, { due: day(5) });
  await api(page, "POST", `/1/cards/${id("Landing page copy")}/actions/comments`, {
    text: "First draft is in the doc.",
  });
  await api(page, "PUT", `/1/boards/${boardId}/prefs/background`, { value: "gradient-ocean" });
  await page.goto(url);
  await page.locator(".card", { hasText: "Pricing page" }).waitFor();

  await shot(page, "board-1280");
  await page.locator(".card", { hasText: "Pricing page" }).click();
  await page.getByRole("dialog", { name: "Pricing page" }).waitFor();
  await shot(page, "card-1280");
  await page.keyboard.press("Escape");
  await page.goto(`${url}/calendar`);
  await page.locator(".calendar-card-name").first().waitFor();
  await shot(page, "calendar-1280");
  await page.goto(`${url}/table`);
  await page.locator(".card-table tbody tr").first().waitFor();
  await shot(page, "table-1280");
  await page.goto(url);
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  const menu = page.getByRole("complementary", { name: "Board menu" });
  await menu.getByRole("tab", { name: "Change background" }).click();
  await shot(page, "board-menu-1280");
  await menu.getByRole("tab", { name: "Activity" }).click();
  await menu
    .getByText(/added|created/)
    .first()
    .waitFor();
  await shot(page, "activity-1280");
  await menu.getByRole("button", { name: "Close menu" }).click();
  await page.getByRole("searchbox", { name: "Search cards and boards" }).fill("page -label:green");
  await page.getByRole("region", { name: "Search results" }).locator(".search-hit").first().waitFor();
  await shot(page, "search-1280");
  await page.goto("/account");
  await page.getByRole("heading").first().waitFor();
  await page.waitForLoadState("networkidle");
  await shot(page, "account-1280");
  await page.goto("/");
  await page.getByRole("link", { name: "Product launch" }).first().waitFor();
  await shot(page, "home-1280");

  const phone = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    storageState: await page.context().storageState(),
  });
  const small = await phone.newPage();
  await small.goto(url);
  await small.locator(".card", { hasText: "Pricing page" }).waitFor();
  await shot(small, "board-390");
} finally {
  await browser.close();
  await server.stop();
}
