import { helpOpen } from "../model/selection.ts";
import { Dialog } from "./dialog.tsx";

const SHORTCUTS: Array<[string, string]> = [
  ["← ↑ → ↓  or  j / k", "Select a card"],
  ["Enter", "Open the selected card"],
  ["n", "Add a new card"],
  ["e", "Edit the selected card's title"],
  ["l", "Labels of the selected card"],
  ["m", "Members of the selected card"],
  ["d", "Due date of the selected card"],
  ["c", "Archive the selected card"],
  ["Space", "Add or remove yourself on the selected card"],
  [", and .", "Move the selected card to the previous / next list"],
  ["Shift + ↑ / ↓", "Move the selected card up / down"],
  ["q", "Show only my cards"],
  ["f", "Filter cards"],
  ["/", "Search"],
  ["Esc", "Close dialogs and menus"],
  ["?", "This help"],
];

export function HelpDialog() {
  const close = () => (helpOpen.value = false);
  return (
    <Dialog labelledBy="help-title" onClose={close} class="help-dialog">
      <div class="popover-title">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button type="button" class="icon-button" aria-label="Close help" onClick={close}>
          ×
        </button>
      </div>
      <table class="shortcut-table">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
