import type { Member } from "@tack/shared/models";
import { omitNull } from "./rich-text.ts";

/**
 * A member as Trello shows one. A placeholder (an imported person with no login) is Trello's
 * `memberType: "ghost"`, unconfirmed: every Trello client already draws those with name and
 * initials and knows they cannot sign in; `importedFrom` says where they came from. Tack keeps no
 * avatar hash, and a member without a picture has no `avatarUrl`: both are left out then, not null
 * (presenters/rich-text.ts).
 */
export const presentMember = (base: string, member: Member) =>
  omitNull(
    {
      id: member.id,
      username: member.username,
      fullName: member.fullName,
      initials: member.initials,
      avatarUrl: member.avatarUrl,
      url: `${base}/u/${member.username}`,
      memberType: member.placeholder ? ("ghost" as const) : ("normal" as const),
      confirmed: !member.placeholder,
      importedFrom: member.placeholder?.source ?? null,
    },
    ["avatarUrl"],
  );

export type PresentedMember = ReturnType<typeof presentMember>;
