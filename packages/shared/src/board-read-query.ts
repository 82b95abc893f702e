// The web client's board read, as Trello query parameters. The first read carries what the card
// fronts show (decision 0032-slim-board-read): no descriptions (`badges.description` says
// whether there is one), no checklists (`badges.checkItems`/`checkItemsChecked` count them), only
// the cover attachments, no comments (`badges.comments`). The rest is read when a card opens.
// Kept in a module of its own so the board read benchmark asks exactly what the client asks, and
// the server's HTML shell preloads exactly the read the client will make (http/web-app.ts).

/**
 * The card fields a card front needs. The presenters' urls and embedded labels would double the
 * bytes; `idBoard` is the board's, `closed` is false (open cards), and `start`, `dueReminder` and
 * `dateLastActivity` are shown only in the card dialog, which reads the whole card. Template
 * cards and custom field values (omitted when empty) have badges on the front.
 */
export const CARD_FRONT_FIELDS =
  "id,idList,idShort,shortLink,name,pos,due,dueComplete,idLabels,idMembers,idAttachmentCover,cover,badges,isTemplate,customFieldItems";

/** Of Trello's badges, the counts a card front shows (Tack's `badge_fields`, in the `*_fields` style). */
export const FRONT_BADGE_FIELDS = "comments,attachments,checkItems,checkItemsChecked,description";

export const BOARD_FRONTS_QUERY = `lists=open&cards=open&card_fields=${CARD_FRONT_FIELDS}&badge_fields=${FRONT_BADGE_FIELDS}&omit_defaults=true&labels=all&members=all&memberships=all&attachments=cover&customFields=true`;

/** A card's details for the card dialog: the whole card, its checklists and its attachments. */
export const CARD_DETAILS_QUERY = "checklists=all&attachments=true";

/** The web client's first read of a board (by id or short link), as a path. */
export const boardFrontsPath = (idOrShortLink: string): string =>
  `/1/boards/${encodeURIComponent(idOrShortLink)}?${BOARD_FRONTS_QUERY}`;
