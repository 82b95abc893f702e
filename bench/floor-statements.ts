// The floor's statements (issue 16): a card row updated and an action row inserted, on tables of
// the same shape as Tack's `objects` and `actions`. Shared by the database floor (speed.ts `Floor`)
// and the HTTP floor (http-floor-server.ts), so both do exactly the same database work.

/** Sets card `card`'s position to a new random value. */
export function floorCardUpdate(card: number) {
  return {
    name: "floor_card",
    text: "UPDATE floor_cards SET doc = jsonb_set(doc, '{pos}', to_jsonb($2::float8)) WHERE id = $1",
    values: [card, Math.random() * 100_000],
  };
}

/** Records action `id` of a move of card `card` (its board's seq when the floor keeps one order). */
export function floorActionInsert(id: string, card: number, board: number | null, seq: number | null) {
  return {
    name: "floor_action",
    text: "INSERT INTO floor_actions (id, board_id, seq, card_id, date, data) VALUES ($1, $2, $3, $4, $5, $6)",
    values: [
      id,
      board ?? 1 + (card % 8),
      seq,
      card,
      new Date().toISOString(),
      JSON.stringify({ card: { id: card } }),
    ],
  };
}
