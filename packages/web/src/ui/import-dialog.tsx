// "Import from Trello": pick a board's JSON export, optionally map its people to Tack usernames,
// upload it, and see what came in (warnings such as the 1,000-actions limit) with a link to the
// new board. Loaded on demand from the boards page.
import { slugify } from "@tack/shared/ids";
import { MAX_IMPORT_BYTES } from "@tack/shared/limits";
import type { ImportCounts, ImportWarning } from "@tack/shared/trello-export";
import { useState } from "preact/hooks";
import { ApiError, sendForm } from "../api/http.ts";
import { navigate } from "../router.ts";
import { Dialog } from "./dialog.tsx";

interface TrelloPerson {
  key: string;
  label: string;
}

interface ImportAnswer {
  board: { id: string; name: string; shortLink?: string };
  warnings: ImportWarning[];
  counts: ImportCounts;
}

type Phase =
  | { step: "pick" }
  | { step: "busy" }
  | { step: "done"; answer: ImportAnswer }
  | { step: "failed"; message: string };

/** The people of an export, to offer a mapping; an unreadable file is left to the server to judge. */
function peopleOf(text: string): TrelloPerson[] {
  try {
    const members = (JSON.parse(text) as { members?: unknown }).members;
    if (!Array.isArray(members)) return [];
    return members.flatMap((m: { id?: unknown; username?: unknown; fullName?: unknown }) => {
      const key = typeof m.username === "string" ? m.username : typeof m.id === "string" ? m.id : null;
      if (!key) return [];
      return [
        { key, label: typeof m.fullName === "string" && m.fullName ? `${m.fullName} (@${key})` : `@${key}` },
      ];
    });
  } catch {
    return [];
  }
}

const COUNT_WORDS: Record<keyof ImportCounts, string> = {
  lists: "lists",
  cards: "cards",
  labels: "labels",
  checklists: "checklists",
  checkItems: "checklist items",
  comments: "comments",
  attachments: "attachments (as links)",
  customFields: "custom fields",
  actions: "history entries",
  members: "members",
};

const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

export default function ImportDialog({ onClose }: { onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [people, setPeople] = useState<TrelloPerson[]>([]);
  const [phase, setPhase] = useState<Phase>({ step: "pick" });

  async function pick(chosen: File | undefined) {
    setPeople([]);
    setPhase({ step: "pick" });
    setFile(null);
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_BYTES) {
      setPhase({
        step: "failed",
        message: `${chosen.name} is ${mb(chosen.size)}; an import can be at most ${mb(MAX_IMPORT_BYTES)}.`,
      });
      return;
    }
    setFile(chosen);
    setPeople(peopleOf(await chosen.text()));
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!file) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const form = new FormData();
    for (const person of people) {
      const tack = String(data.get(`map-${person.key}`) ?? "")
        .trim()
        .replace(/^@/, "");
      if (tack) form.append("map", `${person.key}=${tack}`);
    }
    form.append("file", file, file.name);
    setPhase({ step: "busy" });
    try {
      setPhase({ step: "done", answer: await sendForm<ImportAnswer>("/1/boards/import/trello", form) });
    } catch (error) {
      setPhase({
        step: "failed",
        message: error instanceof ApiError ? error.message : "The import failed for an unexpected reason.",
      });
    }
  }

  if (phase.step === "done") {
    const { board, warnings, counts } = phase.answer;
    const href = `/b/${board.shortLink || board.id}/${slugify(board.name)}`;
    return (
      <Dialog labelledBy="import-title" onClose={onClose} class="import-dialog">
        <h2 id="import-title">Imported “{board.name}”</h2>
        <p class="import-counts">
          Brought in:{" "}
          {(Object.keys(COUNT_WORDS) as Array<keyof ImportCounts>)
            .filter((what) => counts[what] > 0)
            .map((what) => `${counts[what]} ${COUNT_WORDS[what]}`)
            .join(", ")}
          .
        </p>
        {warnings.length > 0 && (
          <>
            <h3 class="import-warnings-title">Worth knowing</h3>
            <ul class="import-warnings" aria-label="Import warnings">
              {warnings.map((w) => (
                <li key={w.code + w.message}>{w.message}</li>
              ))}
            </ul>
          </>
        )}
        <div class="form-actions">
          <a
            class="button button-primary"
            href={href}
            onClick={(e) => {
              e.preventDefault();
              navigate(href);
            }}
          >
            Open the board
          </a>
          <button type="button" class="button" onClick={onClose}>
            Close
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog labelledBy="import-title" onClose={onClose} class="import-dialog">
      <form onSubmit={submit} aria-busy={phase.step === "busy"}>
        <h2 id="import-title">Import from Trello</h2>
        <p class="muted">
          In Trello: board menu → Print, export and share → Export as JSON. The board is imported as a new
          board that you own.
        </p>
        <label>
          Trello export (JSON)
          <input
            type="file"
            accept="application/json,.json"
            required
            onChange={(e) => void pick((e.currentTarget as HTMLInputElement).files?.[0])}
          />
        </label>
        {people.length > 0 && (
          <fieldset class="import-map">
            <legend>People on the Trello board (optional: their Tack usernames)</legend>
            {people.map((p) => (
              <label key={p.key}>
                {p.label}
                <input
                  name={`map-${p.key}`}
                  placeholder="Tack username"
                  aria-label={`Tack username for ${p.label}`}
                />
              </label>
            ))}
            <p class="muted">
              Map people to yourself here. Anyone else becomes a placeholder member who keeps their comments
              and cards; a person you name is asked to claim theirs and decides.
            </p>
          </fieldset>
        )}
        {phase.step === "failed" && (
          <p class="form-error" role="alert">
            {phase.message}
          </p>
        )}
        <div class="form-actions">
          <button class="button button-primary" type="submit" disabled={!file || phase.step === "busy"}>
            {phase.step === "busy" ? "Importing…" : "Import"}
          </button>
          <button class="button" type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
