// The HAProxy configurations shipped in deploy/ are what the renderer produces (the tested
// cluster uses the same renderer), and HAProxy itself accepts each one.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, test } from "node:test";
import { shippedConfigs } from "../src/cluster/shipped-configs.ts";
import { makeCertificate } from "./support/cluster.ts";
import { REPO_ROOT } from "./support/processes.ts";

const dir = mkdtempSync(join(tmpdir(), "tack-haproxy-cfg-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("deploy/*.cfg are in step with the renderer (run `npm run haproxy:config` after changing it)", () => {
  for (const [file, rendered] of Object.entries(shippedConfigs())) {
    assert.equal(readFileSync(file, "utf8"), rendered, `${relative(REPO_ROOT, file)} is out of date`);
  }
});

test("HAProxy accepts every shipped configuration", () => {
  const pem = makeCertificate(dir);
  for (const [file, rendered] of Object.entries(shippedConfigs())) {
    // Same configuration, with this machine's certificate and socket paths and resolvable hosts.
    const local = rendered
      .replace(/ssl crt \S+/, `ssl crt ${pem}`)
      .replace(/stats socket \S+/, `stats socket ${join(dir, "admin.sock")}`)
      .replace(/server (w\d+) tack:/g, "server $1 127.0.0.1:");
    const copy = join(dir, "check.cfg");
    writeFileSync(copy, local);
    const out = execFileSync("haproxy", ["-c", "-f", copy], { encoding: "utf8" });
    assert.match(out, /Configuration file is valid/, relative(REPO_ROOT, file));
  }
});
