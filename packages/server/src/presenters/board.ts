import { backgroundAnswer } from "@tack/shared/backgrounds";
import { BASE_LABEL_COLORS, type Board, type Label, type Membership } from "@tack/shared/models";
import { noEmoji, omitNull } from "./rich-text.ts";
import { boardUrl } from "./urls.ts";

export function presentMembership(m: Membership) {
  return { id: m.id, idMember: m.idMember, memberType: m.memberType, unconfirmed: false, deactivated: false };
}

export function presentBoard(
  base: string,
  board: Board,
  options: { labels?: readonly Label[]; memberships?: readonly Membership[]; viewer?: string | null } = {},
) {
  const labelNames: Record<string, string> = {};
  for (const color of BASE_LABEL_COLORS)
    labelNames[color] = options.labels?.find((l) => l.color === color)?.name ?? "";
  const mine = options.memberships?.find((m) => m.idMember === options.viewer);
  const url = boardUrl(base, board.shortLink, board.name);
  return omitNull(
    {
      id: board.id,
      name: board.name,
      desc: board.desc,
      descData: noEmoji(),
      closed: board.closed,
      idOrganization: board.idOrganization,
      idEnterprise: null,
      pinned: false,
      starred: mine?.starred ?? false,
      url,
      shortUrl: `${base}/b/${board.shortLink}`,
      shortLink: board.shortLink,
      prefs: {
        permissionLevel: board.prefs.permissionLevel,
        comments: board.prefs.comments,
        invitations: board.prefs.invitations,
        selfJoin: board.prefs.selfJoin,
        cardCovers: board.prefs.cardCovers,
        isTemplate: board.prefs.isTemplate,
        voting: board.prefs.voting,
        ...backgroundAnswer(base, board.prefs),
      },
      labelNames,
      dateLastActivity: board.dateLastActivity,
      memberships: (options.memberships ?? []).map(presentMembership),
    },
    ["idOrganization", "idEnterprise"],
  );
}
