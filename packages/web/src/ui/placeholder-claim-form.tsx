// In the board's members panel, beside a placeholder (an imported person with no login): a board
// admin names the account that should claim it. Nothing moves until that person accepts on their
// home page, so the form says "asked", never "added".
import { useState } from "preact/hooks";
import { askToClaim } from "../api/claims.ts";
import { ApiError } from "../api/http.ts";
import { toast } from "../model/toasts.ts";

export function PlaceholderClaimForm(props: { boardId: string; placeholderId: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [username, setUsername] = useState("");

  async function ask(event: Event) {
    event.preventDefault();
    const who = username.trim().replace(/^@/, "");
    if (!who) return;
    try {
      await askToClaim(props.boardId, props.placeholderId, who);
      toast(`@${who} was asked to claim ${props.name}. Nothing changes until they accept.`);
      setUsername("");
      setOpen(false);
    } catch (error) {
      toast(error instanceof ApiError ? error.message : `Could not ask ${who}.`, "error");
    }
  }

  if (!open)
    return (
      <button type="button" class="button button-small" onClick={() => setOpen(true)}>
        Ask someone to claim
      </button>
    );
  return (
    <form class="claim-form" onSubmit={(e) => void ask(e)}>
      <input
        aria-label={`Username of the person who should claim ${props.name}`}
        placeholder="username"
        value={username}
        autoFocus
        onInput={(e) => setUsername((e.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit" class="button button-primary button-small">
        Ask
      </button>
      <button type="button" class="button button-small" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
