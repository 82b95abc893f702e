// Trello's search language, parsed once for server and web: free words and "quoted phrases"
// match a card's name or description; operators narrow by label, member, due date, state, board,
// list and what a card has; a leading `-` negates any of them. Unknown `word:` forms stay text, as
// in Trello; a known operator with a value it does not take is an error that says what it takes.
import { invalid } from "./errors.ts";

export const DUE_VALUES = ["day", "week", "month", "overdue", "complete", "incomplete"] as const;
export const IS_VALUES = ["open", "archived", "starred"] as const;
export const HAS_VALUES = ["attachments", "description", "cover", "members", "labels"] as const;

export type SearchFilter =
  | { op: "label"; value: string }
  | { op: "member"; value: string }
  | { op: "due"; value: (typeof DUE_VALUES)[number] }
  | { op: "is"; value: (typeof IS_VALUES)[number] }
  | { op: "board"; value: string }
  | { op: "list"; value: string }
  | { op: "has"; value: (typeof HAS_VALUES)[number] };

export interface SearchQuery {
  /** Words and phrases every card must contain (name or description, any case). */
  text: string[];
  /** Words and phrases no card may contain. */
  notText: string[];
  filters: { filter: SearchFilter; negated: boolean }[];
}

/** Splits on spaces, keeping "quoted phrases" (also after `-` or `op:`) whole, quotes removed;
 * `phrase` marks a quoted phrase with no operator before it (text, even if it reads `a:b`). */
function tokens(input: string): { raw: string; phrase: boolean }[] {
  const out: { raw: string; phrase: boolean }[] = [];
  const pattern = /(-?(?:[a-zA-Z]+:)?)"([^"]*)"?|(\S+)/g;
  for (const m of input.matchAll(pattern)) {
    if (m[3] !== undefined) out.push({ raw: m[3], phrase: false });
    else out.push({ raw: `${m[1] ?? ""}${m[2] ?? ""}`, phrase: !m[1]?.includes(":") });
  }
  return out;
}

function oneOf<T extends string>(op: string, value: string, allowed: readonly T[]): T {
  const lower = value.toLowerCase() as T;
  if (!allowed.includes(lower)) throw invalid("query", `${op}: takes ${allowed.join(", ")}, not "${value}"`);
  return lower;
}

function filterOf(op: string, value: string): SearchFilter | null {
  switch (op.toLowerCase()) {
    case "label":
      return { op: "label", value };
    case "member":
      return { op: "member", value };
    case "board":
      return { op: "board", value };
    case "list":
      return { op: "list", value };
    case "due":
      return { op: "due", value: oneOf("due", value, DUE_VALUES) };
    case "is":
      return { op: "is", value: oneOf("is", value, IS_VALUES) };
    case "has":
      return { op: "has", value: oneOf("has", value, HAS_VALUES) };
    default:
      return null;
  }
}

export function parseSearchQuery(input: string): SearchQuery {
  const query: SearchQuery = { text: [], notText: [], filters: [] };
  for (const { raw, phrase } of tokens(input)) {
    const negated = raw.length > 1 && raw.startsWith("-");
    const body = negated ? raw.slice(1) : raw;
    const operator = phrase ? null : /^([a-zA-Z]+):(.*)$/s.exec(body);
    let filter: SearchFilter | null = null;
    if (body.startsWith("@") && body.length > 1 && !phrase) filter = { op: "member", value: body.slice(1) };
    else if (operator) {
      if (operator[2] === "")
        throw invalid("query", `${operator[1]}: needs a value, as in ${operator[1]}:name`);
      filter = filterOf(operator[1]!, operator[2]!);
    }
    if (filter) query.filters.push({ filter, negated });
    else if (body.trim() !== "") (negated ? query.notText : query.text).push(body);
  }
  return query;
}
