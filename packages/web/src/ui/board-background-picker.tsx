// "Change background" in the board menu: Tack's pictures and gradients and Trello's colors
// (shared/backgrounds.ts). The choice is a board pref, pushed live to everyone viewing.
import { GRADIENTS, PHOTOS } from "@tack/shared/backgrounds";
import { BACKGROUND_COLORS } from "@tack/shared/models";
import { canOnBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { setBoardPref } from "../model/board-edits.ts";
import { backgroundCss } from "./colors.ts";

function Choice({ cache, id, name }: { cache: BoardCache; id: string; name: string }) {
  const chosen = cache.board.value.prefs.background === id;
  return (
    <button
      type="button"
      class={`background-choice ${chosen ? "is-selected" : ""}`}
      style={{ background: backgroundCss(id) }}
      aria-label={`Background ${name}`}
      aria-pressed={chosen}
      title={name}
      onClick={() => void setBoardPref(cache, "background", id)}
    />
  );
}

export function BackgroundPicker({ cache }: { cache: BoardCache }) {
  if (!canOnBoard(cache, "admin")) return <p class="muted">Only the board's admins change its background.</p>;
  return (
    <section class="background-picker" aria-label="Change background">
      <h3>Photos</h3>
      <div class="background-grid">
        {PHOTOS.map((p) => (
          <Choice key={p.id} cache={cache} id={p.id} name={p.name} />
        ))}
      </div>
      <h3>Gradients</h3>
      <div class="background-grid">
        {GRADIENTS.map((g) => (
          <Choice key={g.id} cache={cache} id={g.id} name={g.name} />
        ))}
      </div>
      <h3>Colors</h3>
      <div class="background-grid">
        {BACKGROUND_COLORS.map((c) => (
          <Choice key={c} cache={cache} id={c} name={c} />
        ))}
      </div>
    </section>
  );
}
