// Test drivers that read like what a person does: sign up, open a board, add a list or a card,
// drag a card. They use the accessible names people see, so they double as an accessibility check.

import type { Browser, Locator, Page } from "playwright-core";
import { SCREENSHOTS } from "./browser.ts";
import { expect } from "./expect.ts";

export interface Person {
  page: Page;
  username: string;
}

let counter = 0;
export const uniqueName = (prefix: string): string =>
  `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function newPerson(
  browser: Browser,
  baseURL: string,
  username = uniqueName("user"),
): Promise<Person> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`[${username}] page error:`, error.message));
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(`${username[0]!.toUpperCase()}${username.slice(1)} Tester`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Email").fill(`${username}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByRole("button", { name: "Log out" }).waitFor();
  return { page, username };
}

export async function logIn(browser: Browser, baseURL: string, username: string): Promise<Person> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username or email").fill(username);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("button", { name: "Log out" }).waitFor();
  return { page, username };
}

export async function createBoard(page: Page, name: string): Promise<string> {
  await page.goto("/");
  await page.getByRole("button", { name: "Create new board" }).first().click();
  await page.getByLabel("Board title").fill(name);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await page.waitForURL(/\/b\//);
  await page.locator(".board-header").waitFor();
  return page.url();
}

export async function addList(page: Page, name: string): Promise<void> {
  const open = page.getByRole("button", { name: "+ Add another list" });
  if (await open.isVisible()) await open.click();
  await page.getByLabel("List title").fill(name);
  await page.getByRole("button", { name: "Add list" }).click();
  await list(page, name).waitFor();
}

export const list = (page: Page, name: string) =>
  page.getByRole("listitem", { name: `List ${name}`, exact: true });
export const cardIn = (page: Page, listName: string, cardName: string) =>
  list(page, listName).locator(".card", { hasText: cardName });
export const card = (page: Page, cardName: string) => page.locator(".card", { hasText: cardName });

export async function addCards(page: Page, listName: string, names: string[]): Promise<void> {
  await list(page, listName).getByRole("button", { name: "+ Add a card" }).click();
  for (const name of names) {
    await page.getByLabel("Card title").fill(name);
    await page.getByLabel("Card title").press("Enter");
    await expect(
      () => cardIn(page, listName, name).count(),
      (n) => n === 1,
      `card ${name} in ${listName}`,
    );
  }
  await page.getByLabel("Card title").press("Escape");
}

/**
 * Adds check items one after another in `scope` (a checklist, or a card dialog with one), each
 * shown before the next is typed, then closes the add form.
 */
export async function addCheckItems(scope: Locator, items: string[]): Promise<void> {
  await scope.getByRole("button", { name: "Add an item" }).click();
  for (const item of items) {
    await scope.getByRole("textbox", { name: "Add an item" }).fill(item);
    await scope.getByRole("textbox", { name: "Add an item" }).press("Enter");
    await scope.getByRole("checkbox", { name: `Complete ${item}` }).waitFor();
  }
  await scope.getByRole("textbox", { name: "Add an item" }).press("Escape");
}

/** Card names of a list, top to bottom, as shown. */
export async function cardNames(page: Page, listName: string): Promise<string[]> {
  return list(page, listName).locator(".card:not([hidden]) .card-name").allInnerTexts();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

/** Adds someone to the open board through the board menu. */
export async function inviteMember(page: Page, username: string): Promise<void> {
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  const menu = page.getByRole("complementary", { name: "Board menu" });
  await menu.getByRole("tab", { name: "Members" }).click();
  await menu.getByLabel("Invite by username").fill(username);
  await menu.getByRole("button", { name: "Invite" }).click();
  await menu.getByText(`@${username}`).waitFor();
  await menu.getByRole("button", { name: "Close menu" }).click();
}

export const connection = (page: Page) => page.locator("[data-connection]").getAttribute("data-connection");
