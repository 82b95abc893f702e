// Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, …) through the AWS SDK v3. Uploads
// stream through `@aws-sdk/lib-storage` in parts (at most `PART_BYTES × QUEUE` in memory); a failed
// stream aborts the multipart upload, so S3 keeps nothing under the key. Downloads stream the
// object's body, or hand out a short-lived presigned URL.
import { type Readable, Transform } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { BlobStoreConfig } from "../config.ts";
import {
  type BlobRead,
  type BlobStore,
  checkKey,
  type PresignOptions,
  type PutOptions,
} from "./blob-store.ts";

type S3Config = Extract<BlobStoreConfig, { kind: "s3" }>;

/** S3's smallest part is 5 MiB; 8 MiB parts, two in flight: about 16 MiB per upload at most. */
const PART_BYTES = 8 * 1024 * 1024;
const QUEUE = 2;

const isMissing = (error: unknown): boolean =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

function byteCounter(): Transform & { bytes: number } {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      done(null, chunk);
    },
  }) as Transform & { bytes: number };
  counter.bytes = 0;
  return counter;
}

export class S3BlobStore implements BlobStore {
  readonly kind = "s3";
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(config: S3Config) {
    this.bucket = config.bucket;
    this.prefix = config.prefix;
    this.client = new S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.endpoint !== undefined && { endpoint: config.endpoint }),
      ...(config.accessKeyId !== undefined &&
        config.secretAccessKey !== undefined && {
          credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
        }),
      // Checksums only where S3 requires them: many S3-compatible servers reject the SDK's newer
      // default (trailing CRC checksums in aws-chunked bodies).
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  private objectKey(key: string): string {
    return this.prefix + checkKey(key);
  }

  async put(key: string, body: Readable, options: PutOptions): Promise<{ bytes: number }> {
    const counter = byteCounter();
    // Errors in `body` reach `counter`, which fails the upload and aborts it.
    let bodyError: unknown;
    body.on("error", (error) => {
      bodyError = error;
      counter.destroy(error);
    });
    body.pipe(counter);
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: counter,
        ContentType: options.contentType,
      },
      partSize: PART_BYTES,
      queueSize: QUEUE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      body.destroy();
      // A single-part upload that failed has nothing to abort; make sure nothing is left either way.
      await this.delete(key).catch(() => undefined);
      // The caller needs the body's own error (a size limit, a truncated upload), not the abort's.
      throw bodyError ?? error;
    }
    return { bytes: counter.bytes };
  }

  async get(key: string): Promise<BlobRead | null> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      return { body: object.Body as Readable, bytes: object.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async stat(key: string): Promise<{ bytes: number } | null> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      return { bytes: head.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async presignedUrl(key: string, options: PresignOptions): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(key),
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.contentDisposition,
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresSeconds });
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
