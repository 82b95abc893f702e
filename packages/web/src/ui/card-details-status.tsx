// While an opened card shows only its front (decision 0032-slim-board-read), its details
// are read; offline, a note says they come back with the connection, and they are read then.
import { useEffect, useState } from "preact/hooks";
import { connectionState } from "../live/connection-state.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { loadCardDetails } from "../model/card-details.ts";
import { frontOf } from "../model/card-fronts.ts";

/** Reads the card's details while it shows its front; answers whether that failed (offline). */
export function useCardDetails(cache: BoardCache, idCard: string): "ready" | "loading" | "unavailable" {
  const fronted = frontOf(cache.confirmed.cards.get(idCard)) !== undefined;
  const online = connectionState.value !== "offline";
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!fronted) return;
    let live = true;
    setFailed(false);
    void loadCardDetails(cache, idCard).then((ok) => {
      if (live && !ok) setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [idCard, fronted, online]);
  if (!fronted) return "ready";
  return failed ? "unavailable" : "loading";
}

export function CardDetailsStatus({ status }: { status: "ready" | "loading" | "unavailable" }) {
  if (status === "ready") return null;
  return (
    <p class="muted card-details-status" role="status">
      {status === "loading"
        ? "Loading the card's details…"
        : "This card's description, checklists and attachments load when you are back online."}
    </p>
  );
}
