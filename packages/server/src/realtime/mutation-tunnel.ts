// A write sent over the socket runs through its route spec (routes/api.ts `Api.dispatch`) with the
// socket's own actor: the same validation, permissions, token rate limit and once-only client
// mutation id (the frame's id) as over HTTP, without a request being forged and parsed again.
// While the process drains for a restart, a write is either applied or refused as retryable
// (`unavailable`, 503): the client sends it again, with the same id, over HTTP or after reconnecting.
import { ErrorCode, httpStatusOf, TackError } from "@tack/shared/errors";
import type { ClientMessage, ServerMessage } from "@tack/shared/protocol";
import type { Actor } from "../auth/actor.ts";
import { toTackError } from "../http/error-handler.ts";
import type { SocketWrite } from "../routes/api.ts";

export type MutationFrame = Extract<ClientMessage, { type: "mutation" }>;

/** Where socket writes go: the API's route specs, once they are registered. */
export interface WriteDispatcher {
  dispatch(write: SocketWrite): Promise<{ status: number; body: unknown }>;
}

export interface TunnelContext {
  readonly writes: WriteDispatcher;
  /** True once the process drains for shutdown. */
  draining(): boolean;
  onError(error: unknown, what: string): void;
}

export const RESTARTING_MESSAGE = "This server is restarting: your change was not applied, send it again";

export async function tunnelMutation(
  context: TunnelContext,
  actor: Actor,
  frame: MutationFrame,
): Promise<ServerMessage> {
  try {
    const { status, body } = await context.writes.dispatch({
      actor,
      method: frame.method,
      path: frame.path,
      body: frame.body,
      mutationId: frame.id,
    });
    return { type: "mutation.ack", id: frame.id, status, body };
  } catch (thrown) {
    let error = toTackError(thrown);
    if (error.code === ErrorCode.internal) {
      // A write that failed because the process is going away (its store closing) is retryable.
      if (context.draining()) error = new TackError(ErrorCode.unavailable, RESTARTING_MESSAGE);
      else context.onError(thrown, "mutation");
    }
    return { type: "mutation.reject", id: frame.id, status: httpStatusOf[error.code], error: error.toBody() };
  }
}
