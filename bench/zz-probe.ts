import { writeFileSync } from "node:fs";
import { launchChromium } from "../e2e/support/browser.ts";
import { startServerProcess } from "./lib.ts";
import { benchBoardExport } from "./web-perf-board.ts";

const N = Number(process.argv[2] ?? 5000);
const server = await startServerProcess("sqlite");
const browser = await launchChromium();
try {
  const res = await fetch(`${server.url}/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "bench", email: "b@b.test", password: "benchmark password" }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const tok = (await (
    await fetch(`${server.url}/1/members/me/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
      body: "{}",
    })
  ).json()) as { token: string };
  const imp = await fetch(`${server.url}/1/boards/import/trello?map=member0%3Dbench&token=${tok.token}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(benchBoardExport(N)),
  });
  const raw = (await imp.json()) as { shortLink?: string; board?: { shortLink: string } };
  console.log(imp.status, Object.keys(raw));
  const b = { shortLink: raw.board?.shortLink ?? raw.shortLink };
  const [name, value] = cookie.split("=") as [string, string];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await page.goto(`${server.url}/b/${b.shortLink}`);
  await page.locator(".card").first().waitFor();
  await page.waitForTimeout(1500);
  const { profile } = (await cdp.send("Profiler.stop")) as {
    profile: {
      nodes: Array<{
        id: number;
        callFrame: { functionName: string; url: string; lineNumber: number };
        children?: number[];
      }>;
      samples: number[];
      timeDeltas: number[];
    };
  };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  for (const n of profile.nodes) {
    const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0));
  }
  console.log(
    [...byFn]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`)
      .join("\n"),
  );
  console.log(
    await page.evaluate<string>(
      `JSON.stringify([...performance.getEntriesByType("resource").map((e) => [e.name.replace(location.origin, "").slice(0, 40), Math.round(e.startTime), Math.round(e.responseStart), Math.round(e.responseEnd)]), ...performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)])])`,
    ),
  );
} finally {
  await browser.close();
  await server.stop();
}
