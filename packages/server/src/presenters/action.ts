import type { Action, Member } from "@tack/shared/models";
import { presentMember } from "./member.ts";

/** An action; `memberCreator` is left out (not null) when its author is gone. */
export function presentAction(base: string, action: Action, creator: Member | undefined) {
  return {
    id: action.id,
    idMemberCreator: action.idMemberCreator,
    type: action.type,
    date: action.date,
    data: action.data,
    ...(creator && { memberCreator: presentMember(base, creator) }),
  };
}
