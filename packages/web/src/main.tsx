import { render } from "preact";
import { prefetchBoard } from "./model/open-board.ts";
import { route } from "./router.ts";
import { App } from "./ui/app.tsx";
import "./styles.css";

const first = route.value;
if (first.name === "board") prefetchBoard(first.id);

render(<App />, document.getElementById("app")!);
