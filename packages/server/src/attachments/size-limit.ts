// Counts bytes as they stream past and fails the stream the moment it passes the limit, so an
// oversized upload is refused without ever being held whole (nor stored whole).
import { Transform } from "node:stream";
import { ErrorCode, TackError } from "@tack/shared/errors";

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

export function tooLarge(maxBytes: number): TackError {
  return new TackError(
    ErrorCode.payloadTooLarge,
    `The file is larger than this server's limit of ${megabytes(maxBytes)}: attach a link to it instead`,
    "file",
  );
}

export class SizeLimit extends Transform {
  bytes = 0;
  private readonly maxBytes: number;

  constructor(maxBytes: number) {
    super();
    this.maxBytes = maxBytes;
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null, data?: Buffer) => void,
  ) {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) done(tooLarge(this.maxBytes));
    else done(null, chunk);
  }
}
