// Stored notification rows → the wire shape, for both adapters alike.
import type { Notification, NotificationType } from "@tack/shared/notifications";

export interface NotificationRow {
  id: unknown;
  type: unknown;
  date: unknown;
  unread: unknown;
  member_creator: unknown;
  data: unknown;
}

export function readNotification(row: NotificationRow): Notification {
  // The creator's name is kept inside the data document (as it was when notified).
  const { memberCreator = null, ...data } = (
    typeof row.data === "string" ? JSON.parse(row.data) : row.data
  ) as {
    memberCreator?: Notification["memberCreator"];
  } & Notification["data"];
  return {
    id: String(row.id),
    type: String(row.type) as NotificationType,
    date: String(row.date),
    unread: row.unread === true || Number(row.unread) === 1,
    idMemberCreator: row.member_creator === null ? null : String(row.member_creator),
    memberCreator,
    data,
  };
}

/** The WHERE clause of a member's notification listing, with `?` or `$n` placeholders. */
export function notificationFilter(
  query: {
    memberId: string;
    readFilter: "all" | "read" | "unread";
    types: readonly string[];
    before: string | null;
  },
  placeholder: (index: number) => string,
  typesExpression: (param: string) => string,
): { where: string; values: unknown[] } {
  const values: unknown[] = [];
  const next = (value: unknown) => {
    values.push(value);
    return placeholder(values.length);
  };
  const clauses: string[] = [];
  const member = next(query.memberId);
  clauses.push(`member_id = ${member}`);
  if (query.readFilter === "unread") clauses.push(`unread = ${next(true)}`);
  if (query.readFilter === "read") clauses.push(`unread = ${next(false)}`);
  if (query.types.length > 0) clauses.push(`type IN ${typesExpression(next(JSON.stringify(query.types)))}`);
  if (query.before !== null) {
    const before = next(query.before);
    clauses.push(
      `(date, id) < (SELECT date, id FROM notifications WHERE id = ${before} AND member_id = ${member})`,
    );
  }
  return { where: clauses.join(" AND "), values };
}
