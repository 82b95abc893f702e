// The card back's checklists and comments load on demand, the first time a card is opened: with
// assignees, due dates, dragging, reactions and comment editing they are most of the dialog's code,
// and a board's first paint needs none of it (the service worker precaches the chunk for offline).
import type { Card } from "@tack/shared/models";
import type { BoardCache } from "../model/board-cache.ts";
import { lazyComponent } from "./lazy.tsx";

const busy = <section class="card-section" aria-busy="true" />;

export const CardChecklists = lazyComponent<{ cache: BoardCache; idCard: string }>(
  () => import("./card-checklists.tsx").then((m) => m.CardChecklists),
  { loading: busy, what: "the checklists" },
);

export const CardActivity = lazyComponent<{ cache: BoardCache; card: Card }>(
  () => import("./card-activity.tsx").then((m) => m.CardActivity),
  { loading: busy, what: "the comments and activity" },
);
