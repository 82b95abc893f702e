// Frames sent to one socket in one event-loop turn leave it in one write (decision 0067). A change
// goes to every socket following its board, and a group commit answers several writes of a board in
// one turn: each socket got one system call, one TCP segment and one wake-up of its reader per
// frame, and those writes were the largest single part of a worker's CPU (issue 16). A
// socket's stream is corked at its first frame of the turn and uncorked once the turn's I/O
// callbacks are done (setImmediate, PerTurn), where the change list's Redis call already waits for
// the turn (decision 0052): a frame leaves no later than that turn ends.
import type { Writable } from "node:stream";
import { PerTurn } from "./per-turn.ts";

/** The stream under a WebSocket, which `ws` writes each frame to (its own cork/uncork pairs nest). */
export type SocketStream = Pick<Writable, "cork" | "uncork" | "writableLength">;

/**
 * Held bytes past which a stream's frames leave at once, the rest of the turn held again: what waits
 * stays small beside the too-slow limit, which counts it (connection.ts MAX_BUFFERED_BYTES).
 */
export const EARLY_WRITE_BYTES = 65_536;

export class TurnWrites {
  private readonly held = new Set<SocketStream>();
  private readonly releaseAtTurnEnd = new PerTurn<SocketStream>((streams) => {
    for (const stream of streams) {
      this.held.delete(stream);
      // Uncorking a stream destroyed meanwhile (a socket cut this turn) writes nothing.
      stream.uncork();
    }
  });

  /** Called before a frame is written to `stream`: it waits, with the turn's others, until the turn ends. */
  hold(stream: SocketStream): void {
    if (this.held.has(stream)) {
      if (stream.writableLength >= EARLY_WRITE_BYTES) {
        stream.uncork();
        stream.cork();
      }
      return;
    }
    this.held.add(stream);
    stream.cork();
    this.releaseAtTurnEnd.add(stream);
  }
}
