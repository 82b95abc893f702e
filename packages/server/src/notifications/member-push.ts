// Pushes a message to one person's open sockets, wherever they are connected. This process's
// sockets get it directly; with Redis, every other process hears it on one pub/sub channel and
// passes it to its own sockets of that person. Losing a push is harmless: the bell reloads its
// count when the socket reconnects, and the notification itself is already stored.
import type { ServerMessage } from "@tack/shared/protocol";
import { openRelayChannel, type RelayChannel } from "../realtime/relay-channel.ts";

export type LocalPush = (memberId: string, message: ServerMessage) => void;

export interface MemberMessage {
  memberId: string;
  message: ServerMessage;
}

/** One Redis message carries every push of a delivery (`pushes`); `member`/`message` is one push
 * (what earlier versions sent, still understood during a rolling deploy). */
interface RelayedPush {
  origin: string;
  member?: string;
  message?: ServerMessage;
  pushes?: Array<{ member: string; message: ServerMessage }>;
}

export class MemberPush {
  private readonly local: LocalPush;
  private readonly origin: string;
  private readonly relay: RelayChannel | null;

  constructor(local: LocalPush, options: { redisUrl: string | null; prefix: string; instanceId: string }) {
    this.local = local;
    this.origin = options.instanceId;
    this.relay = openRelayChannel(options, "member-push", (raw) => this.receive(raw));
  }

  async push(memberId: string, message: ServerMessage): Promise<void> {
    await this.pushAll([{ memberId, message }]);
  }

  /** Every push of one delivery in one pass: local sockets first, then one message to the others. */
  async pushAll(items: readonly MemberMessage[]): Promise<void> {
    if (items.length === 0) return;
    for (const { memberId, message } of items) this.local(memberId, message);
    if (!this.relay) return;
    const relayed: RelayedPush = {
      origin: this.origin,
      pushes: items.map(({ memberId, message }) => ({ member: memberId, message })),
    };
    await this.relay.publish(JSON.stringify(relayed));
  }

  async close(): Promise<void> {
    this.relay?.close();
  }

  private receive(raw: string): void {
    let relayed: RelayedPush;
    try {
      relayed = JSON.parse(raw) as RelayedPush;
    } catch {
      return;
    }
    if (relayed.origin === this.origin) return;
    const pushes = Array.isArray(relayed.pushes)
      ? relayed.pushes
      : [{ member: relayed.member, message: relayed.message }];
    for (const { member, message } of pushes)
      if (typeof member === "string" && message?.type === "notification") this.local(member, message);
  }
}
