import { startServerProcess } from "./lib.ts";
import { benchBoardExport } from "./web-perf-board.ts";

const server = await startServerProcess("sqlite");
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
  for (const n of [1000, 5000]) {
    const imp = await fetch(`${server.url}/1/boards/import/trello?map=member0%3Dbench&token=${tok.token}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(benchBoardExport(n)),
    });
    const raw = (await imp.json()) as { board: { id: string } };
    for (const enc of ["identity", "br", "gzip"]) {
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < 4; i++) {
        const t = performance.now();
        const r = await fetch(`${server.url}/1/boards/${raw.board.id}?lists=open&cards=open`, {
          headers: { cookie, "accept-encoding": enc },
        });
        const buf = await r.arrayBuffer();
        times.push(performance.now() - t);
        size = Number(r.headers.get("content-length") ?? buf.byteLength);
      }
      console.log(n, enc, times.map((x) => x.toFixed(0)).join(" "), "ms; bytes", size);
    }
  }
} finally {
  await server.stop();
}
