// One command per file; this module only re-exports them for the routes that import it, until
// routes import each command's own file.
export { addComment } from "./add-comment.ts";
export { deleteComment } from "./delete-comment.ts";
export { editComment } from "./edit-comment.ts";
