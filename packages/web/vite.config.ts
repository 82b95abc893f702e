// The web client's build: one hashed, immutable bundle behind a tiny HTML shell (the server
// serves dist/index.html for every app URL and dist/assets/* with a year-long cache, sending the
// precompressed .br / .gz copies this build writes beside each asset).
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
  },
  server: {
    // `npm run dev -w @tack/web` proxies the API and socket to a server started with `npm start`.
    proxy: {
      "/1": { target: "http://127.0.0.1:8080", ws: true },
      "/auth": "http://127.0.0.1:8080",
    },
  },
});
