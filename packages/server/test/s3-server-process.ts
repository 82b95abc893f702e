// A real S3-protocol server in its own process (s3rver from the npm registry), on loopback and a
// free port, storing under the directory given as the first argument. Prints `{"port": N}` once
// listening; stops on SIGTERM.
import S3rver from "@20minutes/s3rver";

const directory = process.argv[2];
if (!directory) throw new Error("usage: s3-server-process.ts <directory>");
const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: "tack" }],
});
const address = await server.run();
process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
