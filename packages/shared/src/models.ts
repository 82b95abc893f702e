// The domain models as stored and as pushed to clients. Field names are Trello's, so the same
// objects serve the REST API (through presenters that add derived fields), the socket protocol
// and the client cache. Stored documents may carry fields this version does not know (written by a
// newer version during a rolling deploy): readers fill defaults for missing fields and keep the
// unknown ones, so a read-modify-write never drops them.

/** Trello's ten label hues; each also comes `_dark` and `_light` (LABEL_COLORS). */
export const BASE_LABEL_COLORS = [
  "green",
  "yellow",
  "orange",
  "red",
  "purple",
  "blue",
  "sky",
  "lime",
  "pink",
  "black",
] as const;
/** The labels a new board gets (Trello's six), unnamed. */
export const DEFAULT_LABEL_COLORS = BASE_LABEL_COLORS.slice(0, 6);

export const LABEL_COLORS = [
  "green",
  "yellow",
  "orange",
  "red",
  "purple",
  "blue",
  "sky",
  "lime",
  "pink",
  "black",
  "green_dark",
  "yellow_dark",
  "orange_dark",
  "red_dark",
  "purple_dark",
  "blue_dark",
  "sky_dark",
  "lime_dark",
  "pink_dark",
  "black_dark",
  "green_light",
  "yellow_light",
  "orange_light",
  "red_light",
  "purple_light",
  "blue_light",
  "sky_light",
  "lime_light",
  "pink_light",
  "black_light",
] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

export const BOARD_ROLES = ["admin", "normal", "observer"] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];

/** Trello's `prefs.permissionLevel`: who may read the board. */
export const VISIBILITIES = ["private", "org", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const BACKGROUND_COLORS = [
  "blue",
  "orange",
  "green",
  "red",
  "purple",
  "pink",
  "lime",
  "sky",
  "grey",
] as const;

/** The hex color Trello reports as `prefs.backgroundColor` for each named background. */
export const BACKGROUND_HEX: Record<(typeof BACKGROUND_COLORS)[number], string> = {
  blue: "#0079BF",
  orange: "#D29034",
  green: "#519839",
  red: "#B04632",
  purple: "#89609E",
  pink: "#CD5A91",
  lime: "#4BBF6B",
  sky: "#00AECC",
  grey: "#838C91",
};

export interface BoardPrefs {
  permissionLevel: Visibility;
  background: string;
  backgroundColor: string;
  backgroundImage: string | null;
  /** Set when the background is a member's uploaded picture (decision 0034): whose, and its sizes. */
  backgroundCustom?: CustomBackgroundPrefs | null;
  cardCovers: boolean;
  comments: "disabled" | "members" | "observers" | "org" | "public";
  invitations: "admins" | "members";
  selfJoin: boolean;
  isTemplate: boolean;
  voting: "disabled";
}

export interface CustomBackgroundPrefs {
  idMember: string;
  brightness: "dark" | "light";
  /** Server-relative URLs of the scaled copies. */
  scaled: Array<{ width: number; height: number; url: string }>;
}

export interface Board {
  id: string;
  name: string;
  desc: string;
  closed: boolean;
  idOrganization: string | null;
  shortLink: string;
  prefs: BoardPrefs;
  dateLastActivity: string;
  /** The last card number handed out; cards get `idShort = ++cardCounter`. */
  cardCounter: number;
}

/** Trello's custom field types. */
export const CUSTOM_FIELD_TYPES = ["text", "number", "date", "checkbox", "list"] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/**
 * A custom field definition, Trello's shape (`GET /1/boards/{id}/customFields`); a board object of
 * its own (kind `customField`). A card's values live on the card (`customFieldItems`).
 */
export interface CustomField {
  id: string;
  idModel: string;
  modelType: "board";
  name: string;
  /** checkbox, date, list, number or text (an import keeps an unknown type as given). */
  type: string;
  pos: number;
  options: CustomFieldOption[];
  display: { cardFront: boolean };
}

export interface CustomFieldOption {
  id: string;
  idCustomField: string;
  value: { text: string };
  color: string | null;
  pos: number;
}

/** A card's value of a custom field (`GET /1/cards/{id}/customFieldItems`). */
export interface CustomFieldItem {
  id: string;
  idCustomField: string;
  idModel: string;
  modelType: "card";
  /** For list fields: the chosen option's id. */
  idValue: string | null;
  /** `{text}`, `{number}`, `{date}` or `{checked}`, as Trello stores them; null for list fields. */
  value: Record<string, unknown> | null;
}

export interface List {
  id: string;
  idBoard: string;
  name: string;
  closed: boolean;
  pos: number;
  /** Trello's `softLimit`: a work-in-progress limit the list header shows (cards beyond it warn), or null. */
  softLimit: number | null;
}

export interface CardCover {
  color: string | null;
  idAttachment: string | null;
  size: "normal" | "full";
  brightness: "light" | "dark";
}

export interface Card {
  id: string;
  idBoard: string;
  idList: string;
  idShort: number;
  shortLink: string;
  name: string;
  desc: string;
  closed: boolean;
  pos: number;
  start: string | null;
  due: string | null;
  dueComplete: boolean;
  dueReminder: number | null;
  idLabels: string[];
  idMembers: string[];
  idAttachmentCover: string | null;
  cover: CardCover;
  dateLastActivity: string;
  /** Kept on the card so a board read need not scan the action log. */
  commentCount: number;
  attachmentCount: number;
  /** A template card: copied to make new cards (Trello's `isTemplate`). */
  isTemplate: boolean;
  /** Values of the board's custom fields (absent on cards that never had any). */
  customFieldItems?: CustomFieldItem[];
}

export interface Label {
  id: string;
  idBoard: string;
  name: string;
  color: LabelColor | null;
}

export interface CheckItem {
  id: string;
  idChecklist: string;
  name: string;
  pos: number;
  state: "complete" | "incomplete";
  due: string | null;
  /** Minutes before `due` to remind the assignee (-1: never); absent on items stored before it. */
  dueReminder?: number | null;
  idMember: string | null;
}

export interface Checklist {
  id: string;
  idBoard: string;
  idCard: string;
  name: string;
  pos: number;
  checkItems: CheckItem[];
}

export interface Attachment {
  id: string;
  idBoard: string;
  idCard: string;
  name: string;
  url: string;
  mimeType: string;
  bytes: number | null;
  date: string;
  idMember: string;
  isUpload: boolean;
  pos: number;
  /** Where the bytes live in the blob store; never derived from the file name. */
  storageKey: string | null;
  previews: Array<{ id: string; width: number; height: number; url: string }>;
}

export interface Membership {
  id: string;
  idMember: string;
  memberType: BoardRole;
  /** Per member: whether this person starred the board. */
  starred: boolean;
}

export interface Member {
  id: string;
  username: string;
  fullName: string;
  initials: string;
  avatarUrl: string | null;
  /** An uploaded avatar (decision 0034); its id is Trello's `avatarHash`. */
  avatar?: MemberImage | null;
  /** Custom board backgrounds this member uploaded (decision 0034), newest last. */
  boardBackgrounds?: MemberImage[];
  /** Present only on a placeholder: a person from an import who has no Tack login. */
  placeholder?: PlaceholderInfo;
}

/** A picture a member uploaded, kept in the blob store with fixed-size scaled copies. */
export interface MemberImage {
  id: string;
  storageKey: string;
  mimeType: string;
  bytes: number;
  width: number;
  height: number;
  /** The picture's dominant color and whether text on it should be light (`dark`) or dark. */
  color: string;
  brightness: "dark" | "light";
  /** Scaled PNG copies; `box` is the requested width (Trello's 30/50/170 for avatars). */
  scaled: Array<{ id: string; width: number; height: number; box: number }>;
}

/**
 * A person an import brought in who is not (yet) a Tack account: they own their imported comments,
 * actions and card memberships on the one board they came with, and can never log in
 * (docs/security.md, "Imports and placeholder members").
 */
export interface PlaceholderInfo {
  source: "trello";
  /** The board the import made; a placeholder is a member of that board only. */
  idBoard: string;
  /** Who they were in the export. */
  trelloId: string;
  trelloUsername: string;
  /** A board admin asked this account to claim the placeholder; nothing moves until they accept. */
  claim: { idMember: string; idMemberRequester: string; date: string } | null;
  /** The account that accepted the claim; the placeholder owns nothing from then on. */
  idMemberClaimedBy: string | null;
}

export const isPlaceholder = (member: Member): boolean => member.placeholder !== undefined;

export interface Organization {
  id: string;
  name: string;
  displayName: string;
  desc: string;
}

/** Trello's action record: the activity feed entry and the board's change log entry. */
export interface Action {
  id: string;
  idMemberCreator: string;
  type: string;
  date: string;
  data: Record<string, unknown>;
  /** The board's sequence number of this action: one board, one total order, no gaps. */
  seq: number;
}

/** The kinds of board-scoped documents, each stored as one JSON document with indexed fields. */
export const BOARD_OBJECT_KINDS = [
  "list",
  "card",
  "label",
  "checklist",
  "attachment",
  "customField",
] as const;
export type BoardObjectKind = (typeof BOARD_OBJECT_KINDS)[number];

export interface BoardObjectOf {
  list: List;
  card: Card;
  label: Label;
  checklist: Checklist;
  attachment: Attachment;
  customField: CustomField;
}

/** The parent an object hangs from, for the indexed `parent` column. */
export function parentOf<K extends BoardObjectKind>(kind: K, doc: BoardObjectOf[K]): string | null {
  switch (kind) {
    case "card":
      return (doc as Card).idList;
    case "checklist":
      return (doc as Checklist).idCard;
    case "attachment":
      return (doc as Attachment).idCard;
    default:
      return null;
  }
}

/** A missing activity date falls back to the creation time in the id: stable across reads. */
function activityDate(raw: Raw): string {
  if (typeof raw.dateLastActivity === "string") return raw.dateLastActivity;
  const seconds = typeof raw.id === "string" ? Number.parseInt(raw.id.slice(0, 8), 16) : 0;
  return new Date((Number.isFinite(seconds) ? seconds : 0) * 1000).toISOString();
}

export const defaults = {
  boardPrefs: (): BoardPrefs => ({
    permissionLevel: "private",
    background: "blue",
    backgroundColor: "#0079BF",
    backgroundImage: null,
    cardCovers: true,
    comments: "members",
    invitations: "members",
    selfJoin: true,
    isTemplate: false,
    voting: "disabled",
  }),
  cover: (): CardCover => ({ color: null, idAttachment: null, size: "normal", brightness: "dark" }),
  /** A new card: what identifies and places it, everything else at its default. */
  card: (fields: NewCardFields): Card => ({ ...cardDefaults(), ...fields }),
};

/** What identifies and places a card: a new card must be given these. */
type CardIdentity = "id" | "idBoard" | "idList" | "idShort" | "shortLink" | "pos" | "dateLastActivity";
export type NewCardFields = Pick<Card, CardIdentity> & Partial<Card>;

/** The one list of a card's defaults: new cards and tolerant reads of old documents share it. */
function cardDefaults(): Omit<Card, CardIdentity | "customFieldItems"> {
  return {
    name: "",
    desc: "",
    closed: false,
    start: null,
    due: null,
    dueComplete: false,
    dueReminder: null,
    idLabels: [],
    idMembers: [],
    idAttachmentCover: null,
    cover: defaults.cover(),
    commentCount: 0,
    attachmentCount: 0,
    isTemplate: false,
  };
}

/** The stored card fields a card update may change (and records in `data.old`). */
export const CARD_UPDATABLE_FIELDS = [
  "name",
  "desc",
  "closed",
  "idList",
  "pos",
  "due",
  "start",
  "dueComplete",
  "dueReminder",
  "idLabels",
  "idMembers",
  "idAttachmentCover",
  "cover",
  "isTemplate",
] as const satisfies ReadonlyArray<keyof Card>;

type Raw = Record<string, unknown>;

/** Defaults under the stored fields; unknown stored fields survive (`...raw` keeps them). */
function withDefaults<T>(base: Partial<T>, raw: Raw): T {
  return { ...base, ...raw } as unknown as T;
}

/** Tolerant readers: fill what an older writer left out, keep what a newer writer added. */
export const readers = {
  board: (raw: Raw): Board => ({
    ...withDefaults<Board>(
      {
        name: "",
        desc: "",
        closed: false,
        idOrganization: null,
        shortLink: "",
        cardCounter: 0,
      },
      raw,
    ),
    dateLastActivity: activityDate(raw),
    prefs: { ...defaults.boardPrefs(), ...(raw.prefs as Partial<BoardPrefs> | undefined) },
  }),
  list: (raw: Raw): List => withDefaults<List>({ name: "", closed: false, pos: 0, softLimit: null }, raw),
  card: (raw: Raw): Card => ({
    ...withDefaults<Card>({ ...cardDefaults(), pos: 0 }, raw),
    dateLastActivity: activityDate(raw),
    cover: { ...defaults.cover(), ...(raw.cover as Partial<CardCover> | undefined) },
  }),
  label: (raw: Raw): Label => withDefaults<Label>({ name: "", color: null }, raw),
  checklist: (raw: Raw): Checklist =>
    withDefaults<Checklist>({ name: "Checklist", pos: 0, checkItems: [] }, raw),
  attachment: (raw: Raw): Attachment =>
    withDefaults<Attachment>(
      { mimeType: "", bytes: null, isUpload: false, pos: 0, storageKey: null, previews: [] },
      raw,
    ),
  customField: (raw: Raw): CustomField =>
    withDefaults<CustomField>(
      { modelType: "board", name: "", type: "text", pos: 0, options: [], display: { cardFront: false } },
      raw,
    ),
} satisfies { [K in BoardObjectKind | "board"]: (raw: Raw) => unknown };

export function initialsOf(fullName: string, username: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 0 ? words.map((w) => w[0]).join("") : username.slice(0, 2);
  return letters.slice(0, 4).toUpperCase();
}
