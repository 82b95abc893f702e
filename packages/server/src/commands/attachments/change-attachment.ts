// One command per file; this module only re-exports them for the routes that import it, until
// routes import each command's own file.

export { deleteAttachment } from "./delete-attachment.ts";
export { renameAttachment } from "./rename-attachment.ts";
