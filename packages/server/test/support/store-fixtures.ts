// Valid domain objects with fresh ids, so contract tests can share one store without colliding.
import type { ChangedModels } from "@tack/shared/changes";
import { newId, newSecret, newShortLink } from "@tack/shared/ids";
import {
  type Attachment,
  type Board,
  type BoardRole,
  type Card,
  type Checklist,
  type CustomField,
  defaults,
  type Label,
  type List,
  type Member,
  type Membership,
  type Organization,
} from "@tack/shared/models";
import type { ActionDraft, MemberRecord, Store } from "../../src/store/store.ts";

const now = (): string => new Date().toISOString();

/** A unique, readable name part: tests search for and look these up. */
export const unique = (prefix: string): string => `${prefix}${newSecret().slice(0, 10)}`;

export function aMemberRecord(overrides: Partial<Member> = {}): MemberRecord {
  const username = overrides.username ?? unique("user");
  const member: Member = {
    id: newId(),
    username,
    fullName: "Ada Lovelace",
    initials: "AL",
    avatarUrl: null,
    ...overrides,
  };
  return { member, email: `${username}@example.test`, passwordHash: `hash-of-${username}` };
}

export async function aStoredMember(store: Store, overrides: Partial<Member> = {}): Promise<Member> {
  const record = aMemberRecord(overrides);
  await store.insertMember(record);
  return record.member;
}

export function anOrganization(overrides: Partial<Organization> = {}): Organization {
  const name = overrides.name ?? unique("org");
  return { id: newId(), name, displayName: `Workspace ${name}`, desc: "", ...overrides };
}

export function aBoard(overrides: Partial<Board> = {}): Board {
  return {
    id: newId(),
    name: "Roadmap",
    desc: "",
    closed: false,
    idOrganization: null,
    shortLink: newShortLink(),
    prefs: defaults.boardPrefs(),
    dateLastActivity: now(),
    cardCounter: 0,
    ...overrides,
  };
}

export function aList(idBoard: string, overrides: Partial<List> = {}): List {
  return { id: newId(), idBoard, name: "To do", closed: false, pos: 65_535, softLimit: null, ...overrides };
}

export function aCard(idBoard: string, idList: string, overrides: Partial<Card> = {}): Card {
  return {
    id: newId(),
    idBoard,
    idList,
    idShort: 1,
    shortLink: newShortLink(),
    name: "Write the store",
    desc: "",
    closed: false,
    pos: 65_535,
    start: null,
    due: null,
    dueComplete: false,
    dueReminder: null,
    idLabels: [],
    idMembers: [],
    idAttachmentCover: null,
    cover: defaults.cover(),
    dateLastActivity: now(),
    commentCount: 0,
    attachmentCount: 0,
    isTemplate: false,
    ...overrides,
  };
}

export function aCustomField(idBoard: string, overrides: Partial<CustomField> = {}): CustomField {
  const id = overrides.id ?? newId();
  return {
    id,
    idModel: idBoard,
    modelType: "board",
    name: "Priority",
    type: "list",
    pos: 1,
    options: [{ id: newId(), idCustomField: id, value: { text: "High" }, color: "red", pos: 1 }],
    display: { cardFront: true },
    ...overrides,
  };
}

export function aLabel(idBoard: string, overrides: Partial<Label> = {}): Label {
  return { id: newId(), idBoard, name: "urgent", color: "red", ...overrides };
}

export function aChecklist(idBoard: string, idCard: string, overrides: Partial<Checklist> = {}): Checklist {
  const id = overrides.id ?? newId();
  const item = {
    id: newId(),
    idChecklist: id,
    name: "step",
    pos: 1,
    state: "incomplete",
    due: null,
    idMember: null,
  } as const;
  return { id, idBoard, idCard, name: "Checklist", pos: 1, checkItems: [item], ...overrides };
}

export function anAttachment(
  idBoard: string,
  idCard: string,
  idMember: string,
  overrides: Partial<Attachment> = {},
): Attachment {
  return {
    id: newId(),
    idBoard,
    idCard,
    name: "spec.pdf",
    url: "https://files.example.test/spec.pdf",
    mimeType: "application/pdf",
    bytes: 1_024,
    date: now(),
    idMember,
    isUpload: true,
    pos: 1,
    storageKey: null,
    previews: [],
    ...overrides,
  };
}

export function aMembership(idMember: string, memberType: BoardRole = "admin"): Membership {
  return { id: newId(), idMember, memberType, starred: false };
}

export function aDraft(memberId: string, overrides: Partial<ActionDraft> = {}): ActionDraft {
  const models: ChangedModels = {};
  return { id: newId(), type: "updateCard", memberId, date: now(), data: {}, models, ...overrides };
}

export interface SeededBoard {
  board: Board;
  admin: Member;
  membership: Membership;
  list: List;
}

/** A member, and a board they administer with one list: what most contract tests start from. */
export async function aSeededBoard(store: Store, overrides: Partial<Board> = {}): Promise<SeededBoard> {
  const admin = await aStoredMember(store);
  const board = aBoard(overrides);
  const list = aList(board.id);
  const membership = aMembership(admin.id, "admin");
  await store.transact(
    board.id,
    async (tx) => {
      await tx.putMembership(membership);
      await tx.put("list", list);
      await tx.record(aDraft(admin.id, { type: "createBoard", models: { board, lists: [list] } }));
    },
    { create: board },
  );
  return { board, admin, membership, list };
}
