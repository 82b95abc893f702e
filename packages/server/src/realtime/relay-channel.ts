// One best-effort Redis pub/sub channel between this app's processes, for signals whose loss only
// costs time (an outbox wake-up, a bell's push): a publisher and a subscriber connection that
// reconnect on their own, errors swallowed (a failed publish is the loss the callers accept).
// Without Redis (the embedded default) there is one process and nothing to relay: `null`.
import { Redis } from "ioredis";

export interface RelayChannel {
  publish(message: string): Promise<void>;
  close(): void;
}

export function openRelayChannel(
  options: { redisUrl: string | null; prefix: string; instanceId: string },
  name: string,
  onMessage: (message: string) => void,
): RelayChannel | null {
  const { redisUrl } = options;
  if (!redisUrl) return null;
  const channel = `${options.prefix}${name}`;
  const connect = (role: string) =>
    new Redis(redisUrl, {
      connectionName: `${options.instanceId}-${name}-${role}`,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(50 * 2 ** times, 2_000),
    });
  const publisher = connect("pub");
  const subscriber = connect("sub");
  publisher.on("error", () => undefined);
  subscriber.on("error", () => undefined);
  void subscriber.subscribe(channel).catch(() => undefined);
  subscriber.on("message", (_channel: string, message: string) => onMessage(message));
  return {
    publish: async (message) => {
      await publisher.publish(channel, message).catch(() => undefined);
    },
    close: () => {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
