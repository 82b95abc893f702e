import type { Member } from "@tack/shared/models";

/** Trello's avatar sizes: the smallest one at least as large as the circle (2x for sharp screens). */
const PICTURE = { sm: 50, md: 50, lg: 170 } as const;

export function Avatar({ member, size = "md" }: { member: Member | undefined; size?: "sm" | "md" | "lg" }) {
  const name = member ? member.fullName || member.username : "Unknown member";
  return (
    <span class={`avatar avatar-${size}`} title={name} aria-label={name} role="img">
      {member?.avatarUrl ? (
        <img class="avatar-picture" src={`${member.avatarUrl}/${PICTURE[size]}.png`} alt="" />
      ) : (
        member?.initials || "?"
      )}
    </span>
  );
}
