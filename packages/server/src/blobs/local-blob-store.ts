// The embedded default: blobs as files under one directory (`data/attachments`). A blob is written
// to `.incoming/` first and renamed into place only once complete and flushed, so a crash or a
// failed upload never leaves a partial file under a real key.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type BlobRead, type BlobStore, checkKey } from "./blob-store.ts";

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === "ENOENT";

export class LocalBlobStore implements BlobStore {
  readonly kind = "local";
  private readonly directory: string;
  private readonly incoming: string;

  constructor(directory: string) {
    this.directory = directory;
    this.incoming = join(directory, ".incoming");
  }

  /** Creates the directory and clears uploads a previous process left half-written. */
  async open(): Promise<this> {
    await rm(this.incoming, { recursive: true, force: true });
    await mkdir(this.incoming, { recursive: true });
    return this;
  }

  private pathOf(key: string): string {
    return join(this.directory, checkKey(key));
  }

  async put(key: string, body: Readable): Promise<{ bytes: number }> {
    const target = this.pathOf(key);
    const temporary = join(this.incoming, randomUUID());
    const file = createWriteStream(temporary, { flush: true });
    try {
      await pipeline(body, file);
      await mkdir(dirname(target), { recursive: true });
      await rename(temporary, target);
      return { bytes: file.bytesWritten };
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<BlobRead | null> {
    const path = this.pathOf(key);
    try {
      const { size } = await stat(path);
      return { body: createReadStream(path), bytes: size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async stat(key: string): Promise<{ bytes: number } | null> {
    try {
      return { bytes: (await stat(this.pathOf(key))).size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async presignedUrl(): Promise<null> {
    return null;
  }

  async close(): Promise<void> {}

  /** Every stored key (tests check that nothing was left behind). */
  async keys(): Promise<string[]> {
    const found: string[] = [];
    for (const entry of await readdir(this.directory, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) found.push(join(entry.parentPath, entry.name).slice(this.directory.length + 1));
    }
    return found;
  }
}
