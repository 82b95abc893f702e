import type { Member } from "@tack/shared/models";
import { omitNull } from "./rich-text.ts";
import { avatarUrlOf } from "./urls.ts";

/**
 * A member as Trello shows one. A placeholder (an imported person with no login) is Trello's
 * `memberType: "ghost"`, unconfirmed: every Trello client already draws those with name and
 * initials and knows they cannot sign in; `importedFrom` says where they came from. An uploaded
 * avatar (decision 0034) gives `avatarHash` and an `avatarUrl` that, as on Trello, serves
 * `<avatarUrl>/30.png`, `/50.png`, `/170.png` and `/original.png`; a member without a picture has
 * neither: both are left out then, not null (presenters/rich-text.ts).
 */
export const presentMember = (base: string, member: Member) =>
  omitNull(
    {
      id: member.id,
      username: member.username,
      fullName: member.fullName,
      initials: member.initials,
      avatarHash: member.avatar?.id ?? null,
      avatarUrl: member.avatar ? avatarUrlOf(base, member.id, member.avatar.id) : member.avatarUrl,
      url: `${base}/u/${member.username}`,
      memberType: member.placeholder ? ("ghost" as const) : ("normal" as const),
      confirmed: !member.placeholder,
      importedFrom: member.placeholder?.source ?? null,
    },
    ["avatarHash", "avatarUrl"],
  );

export type PresentedMember = ReturnType<typeof presentMember>;
