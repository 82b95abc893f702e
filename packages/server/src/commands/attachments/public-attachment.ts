import type { Attachment } from "@tack/shared/models";

/**
 * An attachment as changes carry it to clients (and keep it in the change log): without the blob
 * store key, which only the server needs; downloads go through Tack's permission check.
 */
export const publicAttachment = (attachment: Attachment): Attachment => ({ ...attachment, storageKey: null });
