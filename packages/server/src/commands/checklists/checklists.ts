// One command per file; this module only re-exports them for the routes that import it, until
// routes import each command's own file.

export { createCheckItem } from "./create-check-item.ts";
export { createChecklist } from "./create-checklist.ts";
export { deleteCheckItem } from "./delete-check-item.ts";
export { deleteChecklist } from "./delete-checklist.ts";
export { updateCheckItem } from "./update-check-item.ts";
export { updateChecklist } from "./update-checklist.ts";
