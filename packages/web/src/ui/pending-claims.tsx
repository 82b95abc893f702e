// On the home page: placeholders (people from a Trello import) that a board admin asked you to
// claim. Accepting makes their comments, cards and board membership yours; declining leaves
// everything as it is.
import { slugify } from "@tack/shared/ids";
import { useEffect, useState } from "preact/hooks";
import { acceptClaim, declineClaim, myPendingClaims, type PendingClaim } from "../api/claims.ts";
import { ApiError } from "../api/http.ts";
import { toast } from "../model/toasts.ts";

export function PendingClaims(props: { onAccepted: () => void }) {
  const [claims, setClaims] = useState<PendingClaim[]>([]);

  async function refresh() {
    try {
      setClaims(await myPendingClaims());
    } catch {
      setClaims([]);
    }
  }
  useEffect(() => {
    void refresh();
  }, []);

  async function answer(claim: PendingClaim, accept: boolean) {
    try {
      if (accept) await acceptClaim(claim.id);
      else await declineClaim(claim.id);
      toast(
        accept
          ? `You are now ${claim.placeholder.fullName} on “${claim.board.name}”.`
          : `Declined: ${claim.placeholder.fullName} stays as imported.`,
      );
      if (accept) props.onAccepted();
    } catch (error) {
      toast(error instanceof ApiError ? error.message : "Could not answer the request.", "error");
    }
    await refresh();
  }

  if (claims.length === 0) return null;
  return (
    <section class="pending-claims" aria-labelledby="pending-claims-title">
      <h2 id="pending-claims-title">Is this you?</h2>
      <ul>
        {claims.map((claim) => (
          <li key={claim.id} class="pending-claim">
            <span>
              <strong>{claim.requestedBy?.fullName || claim.requestedBy?.username || "A board admin"}</strong>{" "}
              asks you to claim <strong>{claim.placeholder.fullName}</strong>, imported from Trello on{" "}
              <a href={`/b/${claim.board.shortLink}/${slugify(claim.board.name)}`}>{claim.board.name}</a>.
              Accepting makes their comments, cards and board membership yours.
            </span>
            <button type="button" class="button button-primary" onClick={() => void answer(claim, true)}>
              Accept
            </button>
            <button type="button" class="button" onClick={() => void answer(claim, false)}>
              Decline
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
