// One command per file; this module only re-exports them for the routes that import it, until
// routes import each command's own file.

export { removeBoardMember } from "./remove-board-member.ts";
export { setBoardMember } from "./set-board-member.ts";
export { starBoard } from "./star-board.ts";
