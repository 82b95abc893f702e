// A Vite build step: writes dist/sw.js from service-worker/sw.js with this build's asset list (to
// precache) and a version derived from it, so each deploy installs a new worker that drops the
// previous build's assets. The worker is its own small file, outside the app's JS budget.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "vite";

const SOURCE = join(import.meta.dirname, "service-worker/sw.js");

export function serviceWorker(): Plugin {
  return {
    name: "tack-service-worker",
    apply: "build",
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle)
        .filter((file) => file.startsWith("assets/"))
        .map((file) => `/${file}`)
        .sort();
      const version = createHash("sha256").update(assets.join("\n")).digest("hex").slice(0, 12);
      const source = readFileSync(SOURCE, "utf8")
        .replace('"__TACK_VERSION__"', JSON.stringify(version))
        .replace("[] /* __TACK_ASSETS__ */", JSON.stringify(assets));
      this.emitFile({ type: "asset", fileName: "sw.js", source });
    },
  };
}
