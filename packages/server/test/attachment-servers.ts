// A Tack server on either blob store adapter, with a way to list every stored blob key, so tests
// can check that nothing was left behind.
import type { LocalBlobStore } from "../src/blobs/local-blob-store.ts";
import { startServer, type TestServer } from "./harness.ts";
import { type S3Server, startS3Server } from "./s3-server.ts";

export type Adapter = "local" | "s3";
export const ADAPTERS: readonly Adapter[] = ["local", "s3"];

export interface AttachmentServer {
  server: TestServer;
  blobKeys(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startAttachmentServer(
  adapter: Adapter,
  env: Record<string, string> = {},
): Promise<AttachmentServer> {
  let s3: S3Server | null = null;
  if (adapter === "s3") s3 = await startS3Server();
  const server = await startServer({ ...s3?.env, ...env });
  return {
    server,
    blobKeys: () => (s3 ? s3.keys() : (server.app.ctx.blobs as LocalBlobStore).keys()),
    async stop() {
      await server.stop();
      await s3?.stop();
    },
  };
}
