// Subscribing a socket to a board without a race: register with the board's feed first (every
// change after the feed's last seq will reach the subscription, buffered until it is live), then
// read the catch-up from the client's cursor, which must reach at least that seq; send it, then go
// live. No change falls between catch-up and live, none is sent twice (decision 0005).
import { ErrorCode } from "@tack/shared/errors";
import type { Cursor, ServerMessage } from "@tack/shared/protocol";
import type { CatchUpReader } from "./catch-up.ts";
import type { Hub } from "./hub.ts";
import { Subscription, type SubscriptionOwner } from "./subscription.ts";

const MAX_SUBSCRIPTIONS = 100;

/** What subscribing needs of a socket. */
export interface SocketBoards {
  subscriptions: Map<string, Subscription>;
  hub: Hub;
  catchUp: CatchUpReader;
  owner: SubscriptionOwner;
  send(message: ServerMessage): void;
}

export async function subscribeBoard(
  socket: SocketBoards,
  board: string,
  since: Cursor | undefined,
): Promise<void> {
  const { subscriptions, hub, catchUp, send } = socket;
  const previous = subscriptions.get(board);
  if (previous) hub.unsubscribe(board, previous);
  else if (subscriptions.size >= MAX_SUBSCRIPTIONS) {
    send({
      type: "error",
      error: {
        error: ErrorCode.limitExceeded,
        message: `At most ${MAX_SUBSCRIPTIONS} boards per socket`,
        field: "board",
      },
    });
    return;
  }
  const subscription = new Subscription(socket.owner, board);
  subscriptions.set(board, subscription);
  const start = await hub.subscribe(board, subscription);
  const current = () => subscriptions.get(board) === subscription;
  if (!current()) return void hub.unsubscribe(board, subscription);
  if (start === "denied") {
    subscriptions.delete(board);
    send({
      type: "error",
      error: { error: ErrorCode.notFound, message: "board not found", field: "board" },
    });
    return;
  }
  if (!since) {
    const epoch = await catchUp.epoch();
    if (!current()) return;
    send({ type: "board.subscribed", board, epoch, seq: start, catchUp: [] });
    subscription.goLive(start);
    return;
  }
  const answer = await catchUp.read(board, since, { atLeast: start });
  if (!current()) return;
  switch (answer.kind) {
    case "gone":
    case "future": {
      subscriptions.delete(board);
      hub.unsubscribe(board, subscription);
      send({
        type: "error",
        error:
          answer.kind === "gone"
            ? { error: ErrorCode.notFound, message: "board not found", field: "board" }
            : {
                error: ErrorCode.invalidInput,
                message: `since.seq ${since.seq} is ahead of the board (at ${answer.seq}): load the board afresh`,
                field: "since.seq",
              },
      });
      return;
    }
    case "reload":
      // Live from the board's current seq; the client loads a snapshot at or after it.
      send({
        type: "board.reload",
        board,
        epoch: answer.epoch,
        seq: answer.seq,
        reason: "too_far_behind",
      });
      subscription.goLive(answer.seq);
      return;
    case "changes": {
      const seq = answer.changes.at(-1)?.seq ?? since.seq;
      send({ type: "board.subscribed", board, epoch: answer.epoch, seq, catchUp: answer.changes });
      subscription.goLive(seq);
      return;
    }
  }
}
