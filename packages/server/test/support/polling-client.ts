// A client with WebSockets disabled: it keeps its replica current by polling
// GET /1/boards/:id/changes?since=&epoch= the way the web client's fallback does.
import type { BoardChange } from "@tack/shared/changes";
import type { Person } from "../harness.ts";
import { BoardReplica } from "./board-replica.ts";

interface Answer {
  epoch: string;
  seq: number;
  changes?: BoardChange[];
  reload?: boolean;
}

export class PollingClient {
  readonly replica: BoardReplica;
  readonly person: Person;
  polls = 0;

  constructor(person: Person, board: string) {
    this.person = person;
    this.replica = new BoardReplica(board);
  }

  /** Polls until it has reached the seq the server named (one answer may be a page). */
  async poll(): Promise<void> {
    for (;;) {
      const epoch = this.replica.epoch ? `&epoch=${this.replica.epoch}` : "";
      const res = await this.person.get<Answer>(
        `/1/boards/${this.replica.board}/changes?since=${this.replica.seq}${epoch}`,
      );
      this.polls += 1;
      if (res.status !== 200) throw new Error(`poll answered ${res.status} ${JSON.stringify(res.body)}`);
      if (res.body.reload) throw new Error("poll asked to reload");
      this.replica.epoch = res.body.epoch;
      for (const change of res.body.changes ?? [])
        if (!this.replica.apply(change)) throw new Error(`poll answered a gap before seq ${change.seq}`);
      if (this.replica.seq >= res.body.seq || (res.body.changes ?? []).length === 0) return;
    }
  }
}
