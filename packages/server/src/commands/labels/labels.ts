// One command per file; this module only re-exports them for the routes that import it, until
// routes import each command's own file.
export { createLabel } from "./create-label.ts";
export { deleteLabel } from "./delete-label.ts";
export { updateLabel } from "./update-label.ts";
