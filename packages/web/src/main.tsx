import { render } from "preact";
import { prefetchBoard } from "./model/open-board.ts";
import { probeSession } from "./model/session.ts";
import { route } from "./router.ts";
import { App } from "./ui/app.tsx";
import "./styles.css";

// The session and a deep-linked board are asked for before the first render (the shell preloaded
// both: server http/web-app.ts), not after the first paint.
void probeSession();
const first = route.value;
if (first.name === "board") prefetchBoard(first.id);

render(<App />, document.getElementById("app")!);

// The service worker keeps the app shell for a reload without a network (service-worker/sw.js).
// Registered once the page is idle a while after loading: installing it fetches and compiles the
// shell's assets, which would otherwise compete with a big board's first paint (the board's read
// is not part of the page's load event).
const REGISTER_WORKER_AFTER_MS = 3_000;
if ("serviceWorker" in navigator && import.meta.env.PROD) {
  addEventListener("load", () => {
    setTimeout(() => {
      const register = () => void navigator.serviceWorker.register("/sw.js").catch(() => undefined);
      if ("requestIdleCallback" in window) requestIdleCallback(register, { timeout: 5_000 });
      else register();
    }, REGISTER_WORKER_AFTER_MS);
  });
}
