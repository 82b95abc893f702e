// The board itself, its labels, lists, custom field definitions and memberships.
import { newId } from "@tack/shared/ids";
import {
  BACKGROUND_COLORS,
  type Board,
  type BoardPrefs,
  type BoardRole,
  type CustomField,
  defaults,
  LABEL_COLORS,
  type Label,
  type LabelColor,
  type List,
  type Member,
  type Membership,
} from "@tack/shared/models";
import type { TrelloBoardExport, TrelloLabel } from "@tack/shared/trello-export";
import { few, type PlanContext } from "./plan.ts";
import { positionsInOrder } from "./positions.ts";

const COMMENT_PREFS = ["disabled", "members", "observers", "org", "public"] as const;
const HEX_COLOR = /^#[0-9a-f]{6}$/i;

function prefsOf(ctx: PlanContext, exported: TrelloBoardExport): BoardPrefs {
  const p = exported.prefs;
  const base = defaults.boardPrefs();
  const background = BACKGROUND_COLORS.find((c) => c === p.background);
  if (p.permissionLevel === "public" || p.permissionLevel === "org")
    ctx.warn(
      "visibility_private",
      `The Trello board was visible to ${p.permissionLevel === "public" ? "the public" : "its workspace"}; the imported board is private until you share it.`,
    );
  return {
    ...base,
    background: background ?? base.background,
    backgroundColor:
      p.backgroundColor && HEX_COLOR.test(p.backgroundColor) ? p.backgroundColor : base.backgroundColor,
    backgroundImage: p.backgroundImage?.startsWith("https://") ? p.backgroundImage : null,
    cardCovers: p.cardCovers ?? base.cardCovers,
    comments: COMMENT_PREFS.find((c) => c === p.comments) ?? base.comments,
    invitations: p.invitations === "admins" ? "admins" : "members",
    selfJoin: p.selfJoin ?? base.selfJoin,
    isTemplate: p.isTemplate ?? false,
  };
}

export function planBoard(ctx: PlanContext, exported: TrelloBoardExport, customFields: CustomField[]): Board {
  return {
    id: ctx.boardId,
    name: exported.name.trim() || "Imported from Trello",
    desc: exported.desc,
    closed: exported.closed,
    idOrganization: null,
    shortLink: ctx.ids.shortLink(exported.shortLink || "board"),
    prefs: prefsOf(ctx, exported),
    dateLastActivity: ctx.now,
    cardCounter: 0,
    ...(customFields.length > 0 && { customFields }),
  };
}

/** The board's labels, plus labels only cards still embed (Trello drops deleted ones unevenly). */
export function planLabels(ctx: PlanContext, exported: TrelloBoardExport): Label[] {
  const seen = new Map<string, TrelloLabel>();
  for (const label of exported.labels) seen.set(label.id, label);
  for (const card of exported.cards)
    for (const label of card.labels) if (!seen.has(label.id)) seen.set(label.id, label);
  const unknownColors = new Set<string>();
  const labels = [...seen.values()].map((label): Label => {
    const color = LABEL_COLORS.find((c) => c === label.color) ?? null;
    if (label.color !== null && color === null) unknownColors.add(label.color);
    return {
      id: ctx.ids.id(label.id),
      idBoard: ctx.boardId,
      name: label.name,
      color: color as LabelColor | null,
    };
  });
  if (unknownColors.size > 0)
    ctx.warn(
      "label_color_unknown",
      `Labels with colors Tack does not have (${few([...unknownColors])}) were imported without a color.`,
    );
  return labels;
}

export function planLists(ctx: PlanContext, exported: TrelloBoardExport): List[] {
  const positions = positionsInOrder(exported.lists, (l) => l.pos);
  return exported.lists.map((l) => ({
    id: ctx.ids.id(l.id),
    idBoard: ctx.boardId,
    name: l.name,
    closed: l.closed,
    pos: positions.get(l)!,
  }));
}

export function planCustomFields(ctx: PlanContext, exported: TrelloBoardExport): CustomField[] {
  const positions = positionsInOrder(exported.customFields, (f) => f.pos);
  return exported.customFields.map((f) => {
    const id = ctx.ids.id(f.id);
    const optionPositions = positionsInOrder(f.options, (o) => o.pos);
    return {
      id,
      idModel: ctx.boardId,
      modelType: "board",
      name: f.name,
      type: f.type,
      pos: positions.get(f)!,
      options: f.options.map((o) => ({
        id: ctx.ids.id(o.id),
        idCustomField: id,
        value: o.value,
        color: o.color,
        pos: optionPositions.get(o)!,
      })),
      display: f.display,
    };
  });
}

const RANK: Record<BoardRole, number> = { observer: 0, normal: 1, admin: 2 };

/**
 * The importer is admin. Mapped Trello board members join with their Trello role; mapped people on
 * cards or check items join as normal members (a card's members must be the board's).
 */
export function planMemberships(
  ctx: PlanContext,
  exported: TrelloBoardExport,
  importer: Member,
  onCards: ReadonlySet<string>,
): { memberships: Membership[]; members: Member[] } {
  const roles = new Map<string, { member: Member; role: BoardRole }>();
  const join = (member: Member, role: BoardRole) => {
    const current = roles.get(member.id);
    if (!current || RANK[role] > RANK[current.role]) roles.set(member.id, { member, role });
  };
  join(importer, "admin");
  for (const m of exported.memberships) {
    const member = ctx.mapped.get(m.idMember);
    if (member) join(member, m.memberType);
  }
  for (const id of [...exported.members.map((m) => m.id), ...onCards]) {
    const member = ctx.mapped.get(id);
    if (member && !roles.has(member.id)) join(member, "normal");
  }
  const memberships = [...roles.values()].map(({ member, role }) => ({
    id: newId(ctx.nowMs),
    idMember: member.id,
    memberType: role,
    starred: false,
  }));
  return { memberships, members: [...roles.values()].map((r) => r.member) };
}
