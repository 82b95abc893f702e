// A Trello export of a big, realistic board for the web benchmark: 10 lists, N cards whose fronts
// carry real badges (one or two labels, a due date on a third, a checklist on a quarter, a member
// on half, a description on some). Imported through the API, it is set up in seconds, not minutes.
export const BENCH_LISTS = 10;
const COLORS = ["green", "yellow", "orange", "red", "purple", "blue", "sky", "lime", "pink", "black"];
const WORDS = [
  "menu",
  "logo",
  "supplier",
  "launch",
  "budget",
  "review",
  "poster",
  "sign",
  "espresso",
  "plan",
];

export function benchBoardExport(cards: number): Record<string, unknown> {
  let counter = 0;
  const id = () =>
    (0x63a0_0000 + counter).toString(16).padStart(8, "0") + (++counter).toString(16).padStart(16, "0");
  const words = (i: number, n: number) =>
    Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(" ");
  const boardId = id();
  const member = { id: id(), username: "member0", fullName: "Bench Member", initials: "BM", avatarUrl: null };
  const labels = COLORS.map((color, i) => ({
    id: id(),
    idBoard: boardId,
    name: i % 2 ? words(i, 1) : "",
    color,
  }));
  const lists = Array.from({ length: BENCH_LISTS }, (_, i) => ({
    id: id(),
    idBoard: boardId,
    name: `List ${i + 1}`,
    closed: false,
    pos: (i + 1) * 65536,
  }));
  const checklists: Record<string, unknown>[] = [];
  const cardDocs = Array.from({ length: cards }, (_, i) => {
    const cardId = id();
    const idLabels = [
      labels[i % labels.length]!.id,
      ...(i % 3 === 0 ? [labels[(i + 4) % labels.length]!.id] : []),
    ];
    const idChecklists: string[] = [];
    if (i % 4 === 0) {
      const checklistId = id();
      idChecklists.push(checklistId);
      checklists.push({
        id: checklistId,
        idBoard: boardId,
        idCard: cardId,
        name: "Steps",
        pos: 16384,
        checkItems: Array.from({ length: 4 }, (_, k) => ({
          id: id(),
          idChecklist: checklistId,
          name: `${words(i + k, 3)} ${k}`,
          pos: (k + 1) * 16384,
          state: k < i % 5 ? "complete" : "incomplete",
          due: null,
          idMember: null,
        })),
      });
    }
    return {
      id: cardId,
      idBoard: boardId,
      idList: lists[i % BENCH_LISTS]!.id,
      idShort: i + 1,
      shortLink: `Wp${i.toString(36).padStart(6, "0")}`,
      name: `Card ${i + 1}: ${words(i, 2 + (i % 6))}`,
      desc: i % 5 === 0 ? `${words(i, 40)}\n\nMore detail: ${words(i + 1, 60)}` : "",
      closed: false,
      pos: (Math.floor(i / BENCH_LISTS) + 1) * 65536,
      start: null,
      due: i % 3 === 0 ? new Date(Date.UTC(2026, 11, 1 + (i % 28))).toISOString() : null,
      dueComplete: i % 9 === 0,
      dueReminder: null,
      idLabels,
      labels: idLabels.map((l) => labels.find((x) => x.id === l)),
      idMembers: i % 2 ? [member.id] : [],
      idChecklists,
      idAttachmentCover: null,
      cover: { idAttachment: null, color: null, size: "normal", brightness: "dark" },
      attachments: [],
      customFieldItems: [],
      dateLastActivity: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      badges: { comments: 0 },
    };
  });
  return {
    id: boardId,
    name: `Big board (${cards} cards)`,
    desc: "",
    closed: false,
    shortLink: "WebPerf1",
    prefs: { permissionLevel: "private", background: "blue" },
    labels,
    lists,
    cards: cardDocs,
    checklists,
    members: [member],
    memberships: [{ id: id(), idMember: member.id, memberType: "admin" }],
    customFields: [],
    actions: [],
  };
}

/** Imports a board export as `username` (who becomes the export's member0); its id and short link. */
export async function importBenchBoard(
  url: string,
  token: string,
  username: string,
  board: Record<string, unknown>,
): Promise<{ id: string; shortLink: string }> {
  const imported = await fetch(`${url}/1/boards/import/trello?map=member0%3D${username}&token=${token}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(board),
  });
  if (!imported.ok) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);
  // The answer is the board, or (with claims to make) the board beside them.
  const body = (await imported.json()) as {
    board?: { id: string; shortLink: string };
    id: string;
    shortLink: string;
  };
  return body.board ?? body;
}
