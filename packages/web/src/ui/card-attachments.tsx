// The card dialog's attachments: each file or link with its thumbnail, size and date; upload (a
// file input, or a file dropped on the dialog), attach a link, rename, delete, download, and make an
// image the card's cover. Observers see the list without the editing controls.
import type { Attachment, Card } from "@tack/shared/models";
import { useState } from "preact/hooks";
import {
  attachLink,
  deleteAttachment,
  renameAttachment,
  setCoverImage,
  uploadFiles,
  uploads,
} from "../model/attachment-edits.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { formatBytes, kindTag, previewFor } from "./attachment-format.ts";
import { InlineEdit } from "./inline-edit.tsx";

export function CardAttachments(props: { cache: BoardCache; card: Card; editable: boolean }) {
  const { cache, card, editable } = props;
  const attachments = cache.attachmentsOf(card.id).value;
  const sending = uploads.value.filter((u) => u.idCard === card.id);
  const [linkOpen, setLinkOpen] = useState(false);
  if (attachments.length === 0 && sending.length === 0 && !editable) return null;

  return (
    <section class="card-section card-attachments" aria-label="Attachments">
      <h3>Attachments</h3>
      {attachments.length > 0 && (
        <ul class="attachment-list">
          {attachments.map((a) => (
            <AttachmentRow key={a.id} cache={cache} card={card} attachment={a} editable={editable} />
          ))}
        </ul>
      )}
      {sending.map((u) => (
        <div key={u.key} class="upload-progress" role="status" aria-busy="true">
          Uploading {u.name}… {Math.round(u.fraction * 100)}%
          <progress max={1} value={u.fraction} aria-label={`Uploading ${u.name}`} />
        </div>
      ))}
      {editable && (
        <div class="attachment-add">
          <label class="button">
            Upload a file
            <input
              type="file"
              class="sr-only"
              multiple
              aria-label="Upload a file"
              onChange={(e) => {
                const input = e.currentTarget as HTMLInputElement;
                const files = [...(input.files ?? [])];
                input.value = "";
                void uploadFiles(cache, card.id, files);
              }}
            />
          </label>
          <button
            type="button"
            class="button"
            aria-expanded={linkOpen}
            onClick={() => setLinkOpen(!linkOpen)}
          >
            Attach a link
          </button>
          <span class="muted">or drop files on the card</span>
        </div>
      )}
      {editable && linkOpen && (
        <form
          class="attach-link-form"
          aria-label="Attach a link"
          onSubmit={async (e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget as HTMLFormElement);
            const url = String(data.get("url") ?? "").trim();
            if (url && (await attachLink(cache, card.id, url, String(data.get("name") ?? "").trim())))
              setLinkOpen(false);
          }}
        >
          <label>
            Link
            <input name="url" type="url" required placeholder="https://…" autoFocus />
          </label>
          <label>
            Display text (optional)
            <input name="name" maxLength={256} />
          </label>
          <button type="submit" class="button button-primary">
            Attach
          </button>
        </form>
      )}
    </section>
  );
}

function AttachmentRow(props: { cache: BoardCache; card: Card; attachment: Attachment; editable: boolean }) {
  const { cache, card, attachment: a, editable } = props;
  const thumb = previewFor(a.previews, 112);
  const isCover = card.idAttachmentCover === a.id;
  return (
    <li class="attachment" data-attachment-id={a.id}>
      <a
        class="attachment-thumb"
        href={a.url}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={`Open ${a.name}`}
        {...(a.isUpload ? { download: a.name } : {})}
      >
        {thumb ? <img src={thumb.url} alt="" loading="lazy" /> : <span>{kindTag(a)}</span>}
      </a>
      <div class="attachment-info">
        <span class="attachment-name">
          {editable ? (
            <InlineEdit
              value={a.name}
              label="Attachment name"
              onSave={(name) => void renameAttachment(cache, a, name)}
            />
          ) : (
            a.name
          )}
        </span>
        <span class="muted attachment-meta">
          {[formatBytes(a.bytes), `added ${new Date(a.date).toLocaleString()}`].filter(Boolean).join(" · ")}
          {isCover && " · cover"}
        </span>
        <span class="attachment-actions">
          <a
            href={a.url}
            target="_blank"
            rel="noopener noreferrer"
            {...(a.isUpload ? { download: a.name } : {})}
          >
            {a.isUpload ? "Download" : "Open"}
          </a>
          {editable && a.previews.length > 0 && (
            <button
              type="button"
              class="link-button"
              onClick={() => void setCoverImage(cache, card.id, isCover ? null : a.id)}
            >
              {isCover ? "Remove cover" : "Make cover"}
            </button>
          )}
          {editable && (
            <button
              type="button"
              class="link-button"
              aria-label={`Delete ${a.name}`}
              onClick={() => {
                if (confirm(`Delete ${a.name}? This cannot be undone.`)) void deleteAttachment(cache, a);
              }}
            >
              Delete
            </button>
          )}
        </span>
      </div>
    </li>
  );
}
