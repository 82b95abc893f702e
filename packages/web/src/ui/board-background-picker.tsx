// "Change background" in the board menu: your uploaded photos ("Upload a photo", decision 0034),
// Tack's pictures and gradients and Trello's colors (shared/backgrounds.ts). The choice is a board
// pref, pushed live to everyone viewing.
import { GRADIENTS, PHOTOS } from "@tack/shared/backgrounds";
import { BACKGROUND_COLORS } from "@tack/shared/models";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/http.ts";
import { listBackgrounds, type UploadedBackground, uploadBackground } from "../api/member-pictures.ts";
import { canOnBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { setBoardPref } from "../model/board-edits.ts";
import { backgroundCss } from "./colors.ts";

function Choice({ cache, id, name, image }: { cache: BoardCache; id: string; name: string; image?: string }) {
  const chosen = cache.board.value.prefs.background === id;
  return (
    <button
      type="button"
      class={`background-choice ${chosen ? "is-selected" : ""}`}
      style={{
        background: image ? `#172b4d url(${JSON.stringify(image)}) center / cover` : backgroundCss(id),
      }}
      aria-label={`Background ${name}`}
      aria-pressed={chosen}
      title={name}
      onClick={() => void setBoardPref(cache, "background", id, image)}
    />
  );
}

export function BackgroundPicker({ cache }: { cache: BoardCache }) {
  if (!canOnBoard(cache, "admin")) return <p class="muted">Only the board's admins change its background.</p>;
  return (
    <section class="background-picker" aria-label="Change background">
      <YourPhotos cache={cache} />
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

/** "Upload a photo" and the photos you uploaded before (only yours: a library is private). */
function YourPhotos({ cache }: { cache: BoardCache }) {
  const [photos, setPhotos] = useState<UploadedBackground[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    listBackgrounds().then(setPhotos, () => setPhotos([]));
  }, []);
  async function upload(file: File) {
    setStatus("Uploading…");
    try {
      const photo = await uploadBackground(file);
      setPhotos((all) => [...all, photo]);
      setStatus(null);
      await setBoardPref(cache, "background", photo.id, photo.scaled.at(-1)?.url ?? photo.fullSizeUrl);
    } catch (caught) {
      setStatus(caught instanceof ApiError ? caught.message : "The upload failed: try again");
    }
  }
  return (
    <>
      <h3>Your photos</h3>
      <div class="background-grid">
        <label class="background-choice background-upload">
          Upload a photo
          <input
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            aria-label="Upload a photo"
            onChange={(event) => {
              const file = (event.currentTarget as HTMLInputElement).files?.[0];
              if (file) void upload(file);
            }}
          />
        </label>
        {photos.map((p) => (
          <Choice
            key={p.id}
            cache={cache}
            id={p.id}
            name="Your photo"
            image={p.scaled[0]?.url ?? p.fullSizeUrl}
          />
        ))}
      </div>
      {status && (
        <p class="muted" role="status">
          {status}
        </p>
      )}
    </>
  );
}
