// The board on paper: every open list with all its cards (the screen renders only the cards in
// view, so printing the screen would miss some), labels, members and due dates. Rendered at the
// body's end while printing; the print stylesheet (board-print.css) hides everything else.
import type { BoardCache } from "../model/board-cache.ts";
import "./board-print.css";

export function BoardPrintSheet({ cache }: { cache: BoardCache }) {
  const board = cache.board.value;
  const labels = new Map(cache.labels.value.map((l) => [l.id, l]));
  const members = cache.members.value;
  return (
    <div class="print-sheet">
      <h1>{board.name}</h1>
      {board.desc && <p class="print-desc">{board.desc}</p>}
      {cache.listIds.value.map((idList) => {
        const list = cache.listSignal(idList).value;
        if (!list) return null;
        const cards = cache
          .cardIdsOf(idList)
          .value.map((id) => cache.cardSignal(id).value)
          .filter((c) => c !== undefined && !c.closed);
        return (
          <section class="print-list" key={idList}>
            <h2>
              {list.name} <span class="print-count">({cards.length})</span>
            </h2>
            <ol>
              {cards.map((card) => (
                <li key={card!.id}>
                  <strong>{card!.name}</strong>
                  {card!.idLabels.length > 0 && (
                    <span class="print-meta">
                      {" "}
                      [
                      {card!.idLabels
                        .map((id) => labels.get(id)?.name || labels.get(id)?.color || "")
                        .join(", ")}
                      ]
                    </span>
                  )}
                  {card!.idMembers.length > 0 && (
                    <span class="print-meta">
                      {" "}
                      — {card!.idMembers.map((id) => members.get(id)?.fullName ?? "").join(", ")}
                    </span>
                  )}
                  {card!.due && (
                    <span class="print-meta"> — due {new Date(card!.due).toLocaleDateString()}</span>
                  )}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
