// Who is who: the importer maps Trello people to Tack accounts (`trelloUser=tackUser`, the same
// syntax on the command line, in the query string and in an upload's form fields). A Trello person
// is named by id or username; a Tack account by username or id. A name that matches nobody is
// refused with the names that would have matched, rather than silently ignored.
import { invalid } from "@tack/shared/errors";
import { isId } from "@tack/shared/ids";
import type { Member } from "@tack/shared/models";
import type { TrelloBoardExport } from "@tack/shared/trello-export";
import type { Store } from "../store/store.ts";

export interface MapEntry {
  trello: string;
  tack: string;
}

/** A Trello person as the export knows them. */
export interface TrelloPerson {
  id: string;
  username: string;
  fullName: string;
}

const MAX_ENTRIES = 1600;

/** Reads `trello=tack` entries (a string or several); whitespace and a leading @ are ignored. */
export function parseMapEntries(raw: unknown, field = "map"): MapEntry[] {
  if (raw === undefined || raw === null || raw === "") return [];
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length > MAX_ENTRIES) throw invalid(field, `at most ${MAX_ENTRIES} entries`);
  return values.flatMap((value): MapEntry[] => {
    if (typeof value !== "string")
      throw invalid(field, 'each entry must be text like "trelloUsername=tackUsername"');
    return value
      .split(",")
      .filter((part) => part.trim() !== "")
      .map((part) => {
        const [trello, tack, extra] = part.split("=").map((s) => s.trim().replace(/^@/, ""));
        if (!trello || !tack || extra !== undefined)
          throw invalid(field, `"${part.trim()}" must look like trelloUsername=tackUsername`);
        return { trello, tack };
      });
  });
}

/** Everyone the export names: board members, then action authors Trello no longer lists. */
export function trelloPeople(exported: TrelloBoardExport): Map<string, TrelloPerson> {
  const people = new Map<string, TrelloPerson>();
  for (const m of exported.members)
    people.set(m.id, { id: m.id, username: m.username, fullName: m.fullName });
  for (const action of exported.actions) {
    const creator = action.memberCreator;
    const id = action.idMemberCreator ?? creator?.id;
    if (id && !people.has(id))
      people.set(id, { id, username: creator?.username ?? "", fullName: creator?.fullName ?? "" });
  }
  for (const m of exported.memberships)
    if (!people.has(m.idMember)) people.set(m.idMember, { id: m.idMember, username: "", fullName: "" });
  return people;
}

export const describePerson = (p: TrelloPerson): string =>
  p.fullName && p.username ? `${p.fullName} (@${p.username})` : p.fullName || p.username || p.id;

/**
 * Who the importer is in the export, and whom they want to ask to claim someone. Nobody is made an
 * author or a member without their consent: an entry naming the importer maps that Trello person to
 * them at once; an entry naming anyone else becomes a claim request that person can accept or
 * decline (docs/security.md, "Imports and placeholder members"). Re-importing a Tack export on the
 * same Tack recognises the importer by their account id without any entry.
 */
export interface ResolvedPeople {
  /** Trello person ids that are the importer. */
  importer: Set<string>;
  /** Trello person id → the account a board admin (the importer) asks to claim them. */
  claimRequests: Map<string, Member>;
}

export async function resolveMemberMap(
  store: Store,
  importer: Member,
  people: ReadonlyMap<string, TrelloPerson>,
  entries: readonly MapEntry[],
  field = "map",
): Promise<ResolvedPeople> {
  const byUsername = new Map<string, TrelloPerson>();
  for (const p of people.values()) if (p.username) byUsername.set(p.username.toLowerCase(), p);
  const resolved: ResolvedPeople = { importer: new Set(), claimRequests: new Map() };
  if (people.has(importer.id)) resolved.importer.add(importer.id);
  for (const { trello, tack } of entries) {
    const person = people.get(trello) ?? byUsername.get(trello.toLowerCase());
    if (!person) {
      const known = [...byUsername.keys()].slice(0, 20).join(", ") || "nobody";
      throw invalid(field, `no Trello member "${trello}" in this export (its members: ${known})`);
    }
    const account =
      (isId(tack) ? await store.memberById(tack) : null) ??
      (await store.memberByUsername(tack.toLowerCase()));
    // A placeholder found by id is not an account: nobody can be mapped to one.
    if (!account || account.placeholder)
      throw invalid(field, `no Tack account "${tack}": ask them to sign up first, or leave them out`);
    if (account.id === importer.id) {
      resolved.importer.add(person.id);
      resolved.claimRequests.delete(person.id);
    } else if (!resolved.importer.has(person.id)) resolved.claimRequests.set(person.id, account);
  }
  return resolved;
}
