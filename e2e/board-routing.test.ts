// The web client names the board it has open so that HAProxy can send all of the board's traffic
// to one worker (decision 0062; test/ops-cluster.test.ts shows HAProxy routing by these): its socket's
// URL carries the board, every API request it makes over HTTP while the board is open carries
// X-Tack-Board (reads, and writes when there is no socket to carry them), and once the board is
// closed its requests name no board.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import {
  addCards,
  addList,
  card,
  cardIn,
  connection,
  createBoard,
  newPerson,
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

interface ApiRequest {
  method: string;
  path: string;
  /** The X-Tack-Board header it carried, if any. */
  board: string | undefined;
}

/** Every API request the page makes from now on, and the URLs of the sockets it opens. */
function watch(page: Page): { requests: ApiRequest[]; sockets: string[] } {
  const seen = { requests: [] as ApiRequest[], sockets: [] as string[] };
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/1/"))
      seen.requests.push({ method: r.method(), path: url.pathname, board: r.headers()["x-tack-board"] });
  });
  page.on("websocket", (ws) => seen.sockets.push(ws.url()));
  return seen;
}

async function boardIdOf(page: Page, url: string): Promise<string> {
  const shortLink = new URL(url).pathname.split("/")[2]!;
  const res = await page.request.get(`/1/boards/${shortLink}?fields=id`);
  assert.equal(res.status(), 200);
  return ((await res.json()) as { id: string }).id;
}

test("the open board's socket and HTTP requests name the board; requests after it is closed name none", async () => {
  const owner = await newPerson(browser, server.url, uniqueName("rob"));
  const url = await createBoard(owner.page, "Routed");
  await addList(owner.page, "Todo");
  await addCards(owner.page, "Todo", ["First"]);
  const boardId = await boardIdOf(owner.page, url);

  const seen = watch(owner.page);
  await owner.page.goto(url);
  await expect(
    () => connection(owner.page),
    (s) => s === "live",
    "the board's socket is live",
  );
  assert.ok(seen.sockets.length >= 1, "a socket was opened");
  for (const socket of seen.sockets)
    assert.equal(new URL(socket).searchParams.get("board"), boardId, `the socket names the board: ${socket}`);

  // Opening a card reads its details and history over HTTP: those reads name the board.
  const before = seen.requests.length;
  await cardIn(owner.page, "Todo", "First").click();
  await owner.page.getByRole("dialog").waitFor();
  const cardReads = seen.requests.slice(before);
  assert.ok(cardReads.length >= 1, "opening the card read something over HTTP");
  assert.deepEqual(
    cardReads.filter((r) => r.board !== boardId),
    [],
    "every request made while the board is open names it",
  );
  await owner.page.keyboard.press("Escape");

  // Back on the boards page the board is closed: nothing names it any more.
  const home = seen.requests.length;
  await owner.page.goto("/");
  await owner.page.getByRole("button", { name: "Create new board" }).first().waitFor();
  const afterClose = seen.requests.slice(home);
  assert.ok(afterClose.length >= 1, "the boards page read something");
  assert.deepEqual(
    afterClose.filter((r) => r.board !== undefined),
    [],
    "no request names a board once it is closed",
  );
});

test("without a socket, the board's writes go over HTTP and name the board", async () => {
  const owner = await newPerson(browser, server.url, uniqueName("rod"));
  // This person's network refuses WebSockets: every write goes over HTTP.
  await owner.page.context().routeWebSocket(/\/1\/socket/, (socket) => socket.close());
  const url = await createBoard(owner.page, "Routed without a socket");
  const boardId = await boardIdOf(owner.page, url);
  const seen = watch(owner.page);
  await addList(owner.page, "Doing");
  await addCards(owner.page, "Doing", ["Over HTTP"]);
  await card(owner.page, "Over HTTP").waitFor();
  const writes = seen.requests.filter((r) => r.method !== "GET");
  assert.ok(
    writes.some((w) => w.method === "POST" && w.path === "/1/lists"),
    `the list was created over HTTP: ${JSON.stringify(writes)}`,
  );
  assert.ok(
    writes.some((w) => w.method === "POST" && w.path === "/1/cards"),
    "the card was created over HTTP",
  );
  assert.deepEqual(
    writes.filter((w) => w.board !== boardId),
    [],
    "every write names the board",
  );
});
