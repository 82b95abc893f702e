import type { Member } from "@tack/shared/models";

/**
 * A member as Trello shows one. A placeholder (an imported person with no login) is Trello's
 * `memberType: "ghost"`, unconfirmed: every Trello client already draws those with name and
 * initials and knows they cannot sign in; `importedFrom` says where they came from.
 */
export const presentMember = (base: string, member: Member) => ({
  id: member.id,
  username: member.username,
  fullName: member.fullName,
  initials: member.initials,
  avatarUrl: member.avatarUrl,
  avatarHash: null,
  url: `${base}/u/${member.username}`,
  memberType: member.placeholder ? ("ghost" as const) : ("normal" as const),
  confirmed: !member.placeholder,
  importedFrom: member.placeholder?.source ?? null,
});

export type PresentedMember = ReturnType<typeof presentMember>;
