// Starts s3-server-process.ts as a child process, the way an operator runs an S3-compatible
// server beside Tack, and gives the environment that points Tack at it.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface S3Server {
  endpoint: string;
  /** Environment for `loadConfig` that selects the S3 blob store on this server. */
  env: Record<string, string>;
  /**
   * Every object key in the bucket, read from the server's own directory. (Bucket-level requests
   * such as ListObjectsV2 are unusable: s3rver canonicalizes `/bucket/` as `/bucket` when it checks
   * signatures. It also lacks AbortMultipartUpload, so parts of aborted uploads are not looked at.)
   */
  keys(): Promise<string[]>;
  stop(): Promise<void>;
}

const OBJECT_SUFFIX = "._S3rver_object";

export async function startS3Server(extraEnv: Record<string, string> = {}): Promise<S3Server> {
  const directory = mkdtempSync(join(tmpdir(), "tack-s3-"));
  const child = spawn(process.execPath, [join(import.meta.dirname, "s3-server-process.ts"), directory], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`s3 server exited early (code ${code})`)));
  });
  const { port } = JSON.parse(firstLine) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    env: {
      TACK_S3_BUCKET: "tack",
      TACK_S3_ENDPOINT: endpoint,
      TACK_S3_REGION: "us-east-1",
      TACK_S3_FORCE_PATH_STYLE: "true",
      // s3rver's fixed development credentials.
      TACK_S3_ACCESS_KEY_ID: "S3RVER",
      TACK_S3_SECRET_ACCESS_KEY: "S3RVER",
      ...extraEnv,
    },
    async keys() {
      const bucket = join(directory, "tack");
      return readdirSync(bucket, { recursive: true, encoding: "utf8" })
        .filter((path) => path.endsWith(OBJECT_SUFFIX))
        .map((path) => path.slice(0, -OBJECT_SUFFIX.length));
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
