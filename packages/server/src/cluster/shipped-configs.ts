// The HAProxy configurations shipped in deploy/ are rendered, never hand-edited:
// `npm run haproxy:config` writes them; a test fails when they drift from the renderer.
// - deploy/haproxy.cfg: HAProxy run by the system (Debian's service) in front of
//   `npm run start:cluster -- --workers 4 --no-haproxy` on the same machine.
// - deploy/docker/haproxy.cfg: the HAProxy container of docker-compose.yml in front of the
//   `tack` container's two workers.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { renderHaproxyConfig, workerServers } from "./haproxy-config.ts";

const DEPLOY = resolve(import.meta.dirname, "../../../../deploy");

export function shippedConfigs(): Record<string, string> {
  return {
    [resolve(DEPLOY, "haproxy.cfg")]: renderHaproxyConfig({
      servers: workerServers(4, 3001),
      httpBind: ":80",
      https: { bind: ":443", pemFile: "/etc/haproxy/tack.pem", redirectHttp: true },
      socketPath: "/run/haproxy/tack-admin.sock",
      statsBind: "127.0.0.1:8404",
      checkIntervalMs: 1_000,
      maxConnections: 8_000,
    }),
    [resolve(DEPLOY, "docker/haproxy.cfg")]: renderHaproxyConfig({
      servers: workerServers(2, 3001, "tack"),
      httpBind: ":8080",
      https: { bind: ":8443", pemFile: "/usr/local/etc/haproxy/tls/tack.pem", redirectHttp: false },
      // A volume shared with the tack container, whose rolling restart drains through it.
      socketPath: "/var/run/tack-haproxy/admin.sock",
      socketMode: "666",
      statsBind: ":8404",
      checkIntervalMs: 1_000,
      maxConnections: 8_000,
    }),
  };
}

if (import.meta.main) {
  for (const [file, text] of Object.entries(shippedConfigs())) {
    writeFileSync(file, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
