import type { Member } from "@tack/shared/models";

export function Avatar({ member, size = "md" }: { member: Member | undefined; size?: "sm" | "md" | "lg" }) {
  const name = member ? member.fullName || member.username : "Unknown member";
  return (
    <span class={`avatar avatar-${size}`} title={name} aria-label={name} role="img">
      {member?.initials || "?"}
    </span>
  );
}
