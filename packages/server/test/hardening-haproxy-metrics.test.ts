// Through real HAProxy (the renderer's configuration, the one the cluster and deploy/ use): no
// spelling of /metrics reaches a worker's metrics from the public front door, and the worker
// itself refuses /metrics on any request a proxy forwarded, while a direct scrape still works.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { renderHaproxyConfig } from "../src/cluster/haproxy-config.ts";
import { freePort, startServer, type TestServer } from "./harness.ts";
import { Proc, waitForStatus } from "./support/processes.ts";

/** A GET with the path sent exactly as written (fetch would normalise dot segments). */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; type: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk.toString();
      });
      res.on("end", () =>
        done({ status: res.statusCode ?? 0, body, type: String(res.headers["content-type"] ?? "") }),
      );
    });
    req.once("error", fail);
    req.end();
  });
}

const SPELLINGS = [
  "/metrics",
  "/metrics/",
  "/Metrics/",
  "/METRICS",
  "/%6Detrics",
  "/%6detrics/",
  "/%4D%45%54%52%49%43%53",
  "//metrics",
  "/./metrics",
  "/%2Fmetrics",
  "/.%2fmetrics",
  "/metrics?x=1",
  "/metrics;x",
];

describe("metrics stay off HAProxy's public front door", () => {
  let server: TestServer;
  let haproxy: Proc;
  let proxyPort = 0;
  let workerPort = 0;
  before(async () => {
    server = await startServer();
    workerPort = Number(new URL(server.url).port);
    proxyPort = await freePort();
    const config = renderHaproxyConfig({
      servers: [{ name: "w1", host: "127.0.0.1", port: workerPort }],
      httpBind: `127.0.0.1:${proxyPort}`,
      socketPath: join(server.dataDir, "haproxy.sock"),
      checkIntervalMs: 250,
      maxConnections: 200,
    }).replace("  log stdout format raw local0 info\n", "");
    const file = join(server.dataDir, "haproxy.cfg");
    writeFileSync(file, config);
    haproxy = new Proc("haproxy", "haproxy", ["-db", "-f", file], { PATH: process.env.PATH });
    await waitForStatus(`http://127.0.0.1:${proxyPort}/readyz`, undefined, 15_000, haproxy);
  });
  after(async () => {
    await haproxy?.stop();
    await server?.stop();
  });

  test("every spelling is denied by HAProxy itself", async () => {
    for (const path of SPELLINGS) {
      const res = await rawGet(proxyPort, path);
      assert.equal(res.status, 404, `${path}: ${res.status}`);
      assert.doesNotMatch(res.body, /# HELP/, `${path} leaked metrics`);
      assert.doesNotMatch(res.type, /json/, `${path} reached the worker instead of being denied`);
    }
    // The rest of the API still goes through.
    assert.equal((await rawGet(proxyPort, "/livez")).status, 200);
  });

  test("the worker refuses /metrics on forwarded requests, in any spelling, and serves direct scrapes", async () => {
    for (const path of SPELLINGS) {
      const res = await rawGet(workerPort, path, { "x-forwarded-for": "203.0.113.9" });
      assert.doesNotMatch(res.body, /# HELP/, `${path} with X-Forwarded-For leaked metrics`);
      const proto = await rawGet(workerPort, path, { "x-forwarded-proto": "https" });
      assert.doesNotMatch(proto.body, /# HELP/, `${path} with X-Forwarded-Proto leaked metrics`);
    }
    const direct = await rawGet(workerPort, "/metrics");
    assert.equal(direct.status, 200);
    assert.match(direct.body, /# HELP/);
  });
});
