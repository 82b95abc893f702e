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

const CARD_FRONTS = `cards=open&card_fields=${CARD_FRONT_FIELDS}&badge_fields=${FRONT_BADGE_FIELDS}&omit_defaults=true&attachments=cover`;

/** The whole board as the web client holds it: every list, card front, label and member. */
export const BOARD_FRONTS_QUERY = `lists=open&${CARD_FRONTS}&labels=all&members=all&memberships=all&customFields=true`;

/**
 * How many cards of each list the first read carries (decision 0041-first-paint-read): more than
 * a tall screen shows at the smallest card height with the virtual list's margin, so the first
 * paint and the first scroll need nothing else; the rest comes in the next read.
 */
export const FIRST_PAINT_CARDS_PER_LIST = 30;

/** The first read: the whole board but at most FIRST_PAINT_CARDS_PER_LIST cards a list. */
export const BOARD_FIRST_PAINT_QUERY = `${BOARD_FRONTS_QUERY}&cards_per_list=${FIRST_PAINT_CARDS_PER_LIST}`;

/** The read right after a cut-short first read: every card front (and cover) and nothing else. */
export const BOARD_CARD_FRONTS_QUERY = `fields=id&${CARD_FRONTS}`;

/** A card's details for the card dialog: the whole card, its checklists and its attachments. */
export const CARD_DETAILS_QUERY = "checklists=all&attachments=true";

const boardPath = (idOrShortLink: string, query: string): string =>
  `/1/boards/${encodeURIComponent(idOrShortLink)}?${query}`;

/** The web client's first read of a board (by id or short link), as a path: the shell preloads it. */
export const boardFirstPaintPath = (idOrShortLink: string): string =>
  boardPath(idOrShortLink, BOARD_FIRST_PAINT_QUERY);

/** The whole board's read, as a path (a reload after lost history, a refresh after a membership change). */
export const boardFrontsPath = (idOrShortLink: string): string =>
  boardPath(idOrShortLink, BOARD_FRONTS_QUERY);

/** Every card front of a board, as a path: what completes a first read that was cut short. */
export const boardCardFrontsPath = (idOrShortLink: string): string =>
  boardPath(idOrShortLink, BOARD_CARD_FRONTS_QUERY);
