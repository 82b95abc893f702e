import type { Action, Member } from "@tack/shared/models";
import { presentMember } from "./member.ts";

export function presentAction(base: string, action: Action, creator: Member | undefined) {
  return {
    id: action.id,
    idMemberCreator: action.idMemberCreator,
    type: action.type,
    date: action.date,
    data: action.data,
    memberCreator: creator ? presentMember(base, creator) : null,
  };
}
