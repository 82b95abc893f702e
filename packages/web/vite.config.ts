// The web client's build: one hashed, immutable bundle behind a tiny HTML shell (the server
// serves dist/index.html for every app URL and dist/assets/* with a year-long cache, sending the
// precompressed .br / .gz copies this build writes beside each asset).
import { join } from "node:path";
import { defineConfig } from "vite";
import { precompress } from "./precompress.ts";
import { serviceWorker } from "./service-worker.ts";

export default defineConfig({
  // JSX compiles against Preact's automatic runtime (tsconfig: jsxImportSource "preact").
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  plugins: [precompress(), serviceWorker()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsDir: "assets",
    // The shell must stay tiny: no inlined module-preload polyfill.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // The code every page needs is one file, not a dozen: left alone, the bundler splits it
        // wherever on-demand chunks share a module, and a first visit then waits on twelve
        // requests. On-demand chunks import what they share from it.
        codeSplitting: { groups: [{ name: initialCode, debugName: "initial" }] },
      },
    },
  },
  server: {
    // `npm run dev -w @tack/web` proxies the API and socket to a server started with `npm start`.
    proxy: {
      "/1": { target: "http://127.0.0.1:8080", ws: true },
      "/auth": "http://127.0.0.1:8080",
    },
  },
});

const ENTRY = join(import.meta.dirname, "src/main.tsx");
let initial: Set<string> | null = null;

/** "app" for a module the entry imports statically (directly or not), else no group. */
function initialCode(
  id: string,
  ctx: { getModuleInfo(id: string): { importedIds: readonly string[] } | null },
): string | null {
  if (!initial) {
    initial = new Set();
    const queue = [ENTRY];
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (initial.has(next)) continue;
      initial.add(next);
      queue.push(...(ctx.getModuleInfo(next)?.importedIds ?? []));
    }
  }
  return id !== ENTRY && initial.has(id) ? "app" : null;
}
