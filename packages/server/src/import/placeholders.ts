// People from an export who are not the importer become placeholder members of the new board:
// member records that can never log in (no password, an e-mail under `.invalid`), named as Trello
// named them, marked as imported. They own their comments, actions and card memberships, so every
// client shows the right author, until an account they ask accepts the claim
// (docs/security.md, "Imports and placeholder members").
import type { Member } from "@tack/shared/models";
import type { TrelloPerson } from "./member-map.ts";

/**
 * Real usernames are lower-case letters, digits and underscores; a placeholder's has hyphens and
 * says what it is (`alice-imported-1a2b3c4d`), so it can neither collide with nor pass for one.
 */
export function placeholderUsername(person: TrelloPerson, id: string): string {
  const base =
    trelloUsernameOf(person)
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, "")
      .slice(0, 60) || "trello";
  return `${base}-imported-${id.slice(-8)}`;
}

/** A placeholder exported from Tack and imported again keeps the Trello username it started from. */
const trelloUsernameOf = (person: TrelloPerson): string =>
  person.username.replace(/-imported-[0-9a-f]{8}$/, "");

export function newPlaceholder(
  person: TrelloPerson,
  id: string,
  boardId: string,
  claim: { idMember: string; idMemberRequester: string; date: string } | null,
): Member {
  const fullName = person.fullName.trim() || person.username || "Trello member";
  return {
    id,
    username: placeholderUsername(person, id),
    fullName,
    initials: initialsOf(fullName),
    avatarUrl: null,
    placeholder: {
      source: "trello",
      idBoard: boardId,
      trelloId: person.id,
      trelloUsername: trelloUsernameOf(person),
      claim,
      idMemberClaimedBy: null,
    },
  };
}

/** Trello's initials: first letters of the name's words, whole characters (an emoji is one). */
function initialsOf(fullName: string): string {
  const letters = fullName
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => [...word][0]!);
  return letters.slice(0, 4).join("").toUpperCase() || "?";
}

/**
 * A member as a board change carries it to every viewer: a placeholder's pending claim (whom an
 * admin asked) is between the admin and that person, so it stays out.
 */
export const publicMember = (member: Member): Member =>
  member.placeholder ? { ...member, placeholder: { ...member.placeholder, claim: null } } : member;
