import type { Member } from "@tack/shared/models";

export const presentMember = (base: string, member: Member) => ({
  id: member.id,
  username: member.username,
  fullName: member.fullName,
  initials: member.initials,
  avatarUrl: member.avatarUrl,
  avatarHash: null,
  url: `${base}/u/${member.username}`,
});

export type PresentedMember = ReturnType<typeof presentMember>;
