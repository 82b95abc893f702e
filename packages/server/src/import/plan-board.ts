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

export function planBoard(ctx: PlanContext, exported: TrelloBoardExport): Board {
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
    softLimit: l.softLimit,
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
        // Trello exports a colourless option as "none"; Tack stores null.
        color: o.color === "none" ? null : o.color,
        pos: optionPositions.get(o)!,
      })),
      display: f.display,
    };
  });
}

/**
 * The importer is the board's admin. Every placeholder is a member, so the cards and check items
 * they were on keep them: an observer in Trello stays an observer, everyone else is a normal member
 * (a placeholder cannot act, and whoever claims it later becomes admin only if an admin says so).
 */
export function planMemberships(
  ctx: PlanContext,
  exported: TrelloBoardExport,
  importer: Member,
): { memberships: Membership[]; members: Member[] } {
  const trelloRoles = new Map(exported.memberships.map((m) => [m.idMember, m.memberType]));
  const roleOf = (placeholder: Member): BoardRole =>
    trelloRoles.get(placeholder.placeholder!.trelloId) === "observer" ? "observer" : "normal";
  const entries: Array<{ member: Member; role: BoardRole }> = [
    { member: importer, role: "admin" },
    ...ctx.placeholders.map((member) => ({ member, role: roleOf(member) })),
  ];
  const memberships = entries.map(({ member, role }) => ({
    id: newId(ctx.nowMs),
    idMember: member.id,
    memberType: role,
    starred: false,
  }));
  return { memberships, members: entries.map((e) => e.member) };
}
