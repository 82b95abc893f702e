import { render } from "preact";
import { prefetchBoard } from "./model/open-board.ts";
import { route } from "./router.ts";
import { App } from "./ui/app.tsx";
import "./styles.css";

const first = route.value;
if (first.name === "board") prefetchBoard(first.id);

render(<App />, document.getElementById("app")!);

// The service worker keeps the app shell for a reload without a network (service-worker/sw.js).
// Registered after the page has loaded, so it never competes with the first paint.
if ("serviceWorker" in navigator && import.meta.env.PROD) {
  addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  });
}
