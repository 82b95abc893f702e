// Edits made without a network are kept (IndexedDB outbox), shown as pending, survive a reload
// while still offline (the service worker serves the app shell), and are sent in order when the
// network returns; an edit the server refuses then is undone with a message naming it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import {
  addCards,
  addCheckItems,
  addList,
  card,
  cardIn,
  cardNames,
  createBoard,
  inviteMember,
  list,
  newPerson,
  type Person,
  screenshot,
  uniqueName,
} from "./support/ui.ts";

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

const pending = async (page: Page): Promise<number> =>
  Number(await page.locator("[data-connection]").getAttribute("data-pending"));

const COUNT_COPIES = `new Promise((resolve) => {
  const open = indexedDB.open("tack-boards", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("boards", { keyPath: "key" });
  open.onsuccess = () => {
    const count = open.result.transaction("boards").objectStore("boards").count();
    count.onsuccess = () => { resolve(count.result); open.result.close(); };
  };
})`;

/** The app can be reloaded offline: the worker is active and this board's local copy is saved. */
async function readyForOffline(page: Page): Promise<void> {
  await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
  await expect(
    () => page.evaluate<number>(COUNT_COPIES),
    (n) => n > 0,
    "the board's local copy is saved",
  );
}

/** A's board (lists Todo, Doing; cards c1…c5; a checklist on c1), watched by B. */
async function watchedBoard(): Promise<{ a: Person; b: Person; boardId: string }> {
  const b = await newPerson(browser, server.url, uniqueName("bo"));
  const a = await newPerson(browser, server.url, uniqueName("al"));
  const boardUrl = await createBoard(a.page, "Away");
  await addList(a.page, "Todo");
  await addList(a.page, "Doing");
  await addCards(a.page, "Todo", ["c1", "c2", "c3", "c4", "c5"]);
  await inviteMember(a.page, b.username);
  const dialog = await openCard(a.page, "c1");
  await dialog.getByRole("button", { name: "Checklist" }).click();
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await dialog.getByRole("button", { name: "Add an item" }).waitFor();
  await closeCard(a.page);
  await b.page.goto(boardUrl);
  await cardIn(b.page, "Todo", "c5").waitFor();
  const boardId = new URL(boardUrl).pathname.split("/")[2]!;
  await readyForOffline(a.page);
  return { a, b, boardId };
}

async function openCard(page: Page, name: string): Promise<Locator> {
  await page.locator(".card", { hasText: name }).first().click();
  const dialog = page.getByRole("dialog", { name });
  await dialog.waitFor();
  return dialog;
}

async function closeCard(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Close card" }).click();
  await page.getByRole("dialog").waitFor({ state: "detached" });
}

async function renameCard(dialog: Locator, from: string, to: string): Promise<void> {
  await dialog.getByRole("button", { name: `Card title: ${from}. Click to edit` }).click();
  await dialog.getByRole("textbox", { name: "Card title" }).fill(to);
  await dialog.getByRole("textbox", { name: "Card title" }).press("Enter");
}

async function describe(dialog: Locator, text: string): Promise<void> {
  await dialog.getByRole("button", { name: "Add a more detailed description…" }).click();
  await dialog.getByRole("textbox", { name: "Description" }).fill(text);
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await dialog.locator(".card-desc", { hasText: text }).waitFor();
}

async function comment(dialog: Locator, text: string): Promise<void> {
  await dialog.getByRole("textbox", { name: "Write a comment" }).fill(text);
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await dialog.locator(".comment-text", { hasText: text }).waitFor();
}

async function firstLabel(dialog: Locator): Promise<void> {
  await dialog.getByRole("button", { name: "Labels" }).click();
  await dialog.getByRole("group", { name: "Labels" }).getByRole("checkbox").first().check();
  await dialog.getByRole("button", { name: "Close labels" }).click();
}

async function renameList(page: Page, from: string, to: string): Promise<void> {
  await list(page, from)
    .getByRole("button", { name: `List name: ${from}. Click to edit` })
    .click();
  await list(page, from).getByRole("textbox", { name: "List name" }).fill(to);
  await list(page, from).getByRole("textbox", { name: "List name" }).press("Enter");
  await list(page, to).waitFor();
}

interface ServerBoard {
  lists: Array<{ id: string; name: string; pos: number; closed: boolean }>;
  cards: Array<{
    id: string;
    name: string;
    idList: string;
    pos: number;
    closed: boolean;
    desc: string;
    due: string | null;
    idLabels: string[];
  }>;
  checklists: Array<{ idCard: string; checkItems: Array<{ name: string }> }>;
  actions: Array<{ type: string; data: { text?: string; card?: { id: string } } }>;
}

async function serverBoard(page: Page, boardId: string): Promise<ServerBoard> {
  const response = await page.request.get(
    `/1/boards/${boardId}?lists=open&cards=open&checklists=all&actions=commentCard&actions_limit=1000`,
  );
  assert.equal(response.status(), 200);
  return (await response.json()) as ServerBoard;
}

/** Each open list's name and its open cards' names, in order: what a person sees. */
function layoutOf(board: ServerBoard): string[][] {
  const byPos = <T extends { pos: number }>(a: T, b: T) => a.pos - b.pos;
  return board.lists
    .filter((l) => !l.closed)
    .sort(byPos)
    .map((l) => [
      l.name,
      ...board.cards
        .filter((c) => c.idList === l.id && !c.closed)
        .sort(byPos)
        .map((c) => c.name),
    ]);
}

async function layoutOnScreen(page: Page): Promise<string[][]> {
  const names = await page.locator(".list-title").allTextContents();
  return Promise.all(names.map(async (name) => [name, ...(await cardNames(page, name))]));
}

test("twenty edits made offline survive a reload and are applied once when the network returns", async () => {
  const { a, b, boardId } = await watchedBoard();
  const page = a.page;
  await page.context().setOffline(true);
  await expect(
    () => page.locator("[data-connection]").getAttribute("data-connection"),
    (s) => s === "offline",
    "the indicator says offline",
  );

  // 1–2: create cards (one in each list).
  await addCards(page, "Todo", ["fresh"]);
  await addCards(page, "Doing", ["second fresh"]);
  // 3–10: everything about c1.
  let dialog = await openCard(page, "c1");
  await renameCard(dialog, "c1", "c1 renamed");
  dialog = page.getByRole("dialog", { name: "c1 renamed" });
  await describe(dialog, "Written on a train");
  await firstLabel(dialog);
  await dialog.getByRole("button", { name: "Dates" }).click();
  await dialog.getByLabel("Due date").fill("2031-03-04T10:00");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await addCheckItems(dialog, ["step one", "step two"]);
  await comment(dialog, "No signal here");
  await dialog.getByRole("combobox", { name: "Move to list" }).selectOption({ label: "Doing" });
  await closeCard(page);
  // 11–14: c2, with a checklist made offline and an item on it (sent with the checklist's real id).
  dialog = await openCard(page, "c2");
  await renameCard(dialog, "c2", "c2 renamed");
  dialog = page.getByRole("dialog", { name: "c2 renamed" });
  await describe(dialog, "Second thoughts");
  await dialog.getByRole("button", { name: "Checklist" }).click();
  await dialog.getByLabel("Checklist title").fill("Offline list");
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await dialog.getByRole("button", { name: "Add an item" }).click();
  await dialog.getByRole("textbox", { name: "Add an item" }).fill("made offline");
  await dialog.getByRole("textbox", { name: "Add an item" }).press("Enter");
  await dialog.getByRole("checkbox", { name: "Complete made offline" }).waitFor();
  await dialog.getByRole("textbox", { name: "Add an item" }).press("Escape");
  await closeCard(page);
  // 15: archive c3.
  dialog = await openCard(page, "c3");
  await dialog.getByRole("button", { name: "Archive", exact: true }).click();
  await closeCard(page);
  // 16–17: the new card (known only by its temporary id so far) is renamed and commented on.
  dialog = await openCard(page, "fresh");
  await renameCard(dialog, "fresh", "fresh renamed");
  dialog = page.getByRole("dialog", { name: "fresh renamed" });
  await comment(dialog, "Made offline");
  await closeCard(page);
  // 18: c4 moves to Doing.
  dialog = await openCard(page, "c4");
  await dialog.getByRole("combobox", { name: "Move to list" }).selectOption({ label: "Doing" });
  await closeCard(page);
  // 19–20: both lists renamed.
  await renameList(page, "Todo", "Todo later");
  await renameList(page, "Doing", "Doing now");

  await expect(
    () => pending(page),
    (n) => n === 20,
    "twenty edits pending",
  );
  assert.match((await page.locator("[data-connection]").textContent()) ?? "", /20 pending/);
  // Each card with an edit waiting is marked, and only those: c5 was not touched.
  for (const name of ["c1 renamed", "c2 renamed", "c4", "fresh renamed", "second fresh"])
    assert.equal(
      await card(page, name)
        .getAttribute("class")
        .then((c) => c?.includes("is-pending")),
      true,
      name,
    );
  assert.equal(
    await card(page, "c5")
      .getAttribute("class")
      .then((c) => c?.includes("is-pending")),
    false,
  );
  await screenshot(page, "offline-20-pending");
  const expected = await layoutOnScreen(page);

  // Nothing reached the server, and nothing is lost on a reload without a network.
  assert.deepEqual(await layoutOnScreen(b.page), [["Todo", "c1", "c2", "c3", "c4", "c5"], ["Doing"]]);
  await page.reload();
  await list(page, "Todo later").waitFor();
  await expect(
    () => pending(page),
    (n) => n === 20,
    "twenty edits still pending after the reload",
  );
  assert.deepEqual(await layoutOnScreen(page), expected);
  // What was typed shows again: the comment, the checklist items.
  dialog = await openCard(page, "c1 renamed");
  await dialog.locator(".comment-text", { hasText: "No signal here" }).waitFor();
  await dialog.getByRole("checkbox", { name: "Complete step two" }).waitFor();
  await closeCard(page);
  dialog = await openCard(page, "c2 renamed");
  await dialog.getByRole("checkbox", { name: "Complete made offline" }).waitFor();
  await closeCard(page);

  await page.context().setOffline(false);
  await expect(
    () => pending(page),
    (n) => n === 0,
    "every edit sent",
    20_000,
  );
  await expect(
    () => page.locator(".card.is-pending").count(),
    (n) => n === 0,
    "no card is marked pending once everything is sent",
  );

  const board = await serverBoard(page, boardId);
  assert.deepEqual(layoutOf(board), expected);
  assert.deepEqual(layoutOf(board), [
    ["Todo later", "c2 renamed", "c5", "fresh renamed"],
    ["Doing now", "second fresh", "c1 renamed", "c4"],
  ]);
  const c1 = board.cards.find((c) => c.name === "c1 renamed")!;
  assert.equal(c1.desc, "Written on a train");
  assert.equal(c1.idLabels.length, 1);
  assert.ok(c1.due?.startsWith("2031-03-04"));
  assert.deepEqual(
    board.checklists.filter((c) => c.idCard === c1.id).flatMap((c) => c.checkItems.map((i) => i.name)),
    ["step one", "step two"],
  );
  const c2 = board.cards.find((c) => c.name === "c2 renamed")!;
  assert.equal(c2.desc, "Second thoughts");
  assert.deepEqual(
    board.checklists.filter((c) => c.idCard === c2.id).flatMap((c) => c.checkItems.map((i) => i.name)),
    ["made offline"],
  );
  const comments = board.actions.filter((x) => x.type === "commentCard").map((x) => x.data.text);
  assert.deepEqual(comments.sort(), ["Made offline", "No signal here"]);
  const fresh = board.cards.find((c) => c.name === "fresh renamed")!;
  assert.equal(
    board.actions.find((x) => x.data.text === "Made offline")?.data.card?.id,
    fresh.id,
    "the comment on the new card went to its real id",
  );

  // The watcher ends where the server is.
  await expect(
    () => layoutOnScreen(b.page),
    (l) => JSON.stringify(l) === JSON.stringify(layoutOf(board)),
    "the watching browser equals the server",
    10_000,
  );

  // The service worker kept the shell and the hashed assets, and never an API answer.
  const cached = (await page.evaluate(CACHED_PATHS)) as string[];
  assert.ok(cached.includes("/"), "the shell is cached");
  assert.ok(cached.some((path) => path.startsWith("/assets/")));
  assert.deepEqual(
    cached.filter((path) => path !== "/" && !path.startsWith("/assets/")),
    [],
    "nothing but the shell and assets",
  );
  await a.page.context().close();
  await b.page.context().close();
});

const CACHED_PATHS = `(async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
  }
  return paths;
})()`;

test("an edit refused on return is undone with a message naming it, and later edits still apply", async () => {
  const { a, b, boardId } = await watchedBoard();
  const page = a.page;
  await page.context().setOffline(true);
  let dialog = await openCard(page, "c2");
  await renameCard(dialog, "c2", "c2 doomed");
  await closeCard(page);
  dialog = await openCard(page, "c3");
  await renameCard(dialog, "c3", "c3 kept");
  await closeCard(page);
  await expect(
    () => pending(page),
    (n) => n === 2,
    "two edits pending",
  );

  // Meanwhile someone else deletes c2.
  const session = (await (await b.page.request.get("/auth/session")).json()) as { csrfToken: string };
  const before = await serverBoard(b.page, boardId);
  const c2 = before.cards.find((c) => c.name === "c2")!;
  const deleted = await b.page.request.delete(`/1/cards/${c2.id}`, {
    headers: { "x-csrf-token": session.csrfToken },
  });
  assert.equal(deleted.status(), 200);

  await page.context().setOffline(false);
  await page
    .getByRole("alert")
    .filter({ hasText: "Could not rename the card “c2 doomed”" })
    .waitFor({ timeout: 20_000 });
  await expect(
    () => pending(page),
    (n) => n === 0,
    "the queue is empty",
    20_000,
  );
  await expect(
    () => cardNames(page, "Todo"),
    (n) => n.join() === "c1,c3 kept,c4,c5",
    "the refused rename is undone, the later one applied",
    10_000,
  );
  const board = await serverBoard(page, boardId);
  assert.deepEqual(layoutOf(board), [["Todo", "c1", "c3 kept", "c4", "c5"], ["Doing"]]);
  await expect(
    () => layoutOnScreen(b.page),
    (l) => JSON.stringify(l) === JSON.stringify(layoutOf(board)),
    "the watching browser equals the server",
    10_000,
  );
  await a.page.context().close();
  await b.page.context().close();
});
