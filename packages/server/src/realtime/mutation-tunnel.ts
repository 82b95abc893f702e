// Writes sent over the socket run as the very same API requests a client could make over HTTP:
// one code path for validation, permissions, rate limits and the once-only client mutation id.
// The request carries the socket's own credentials (its API token, or its session cookie with
// the session's CSRF token) and the frame's id as `X-Tack-Mutation-Id`.
import type { ErrorBody } from "@tack/shared/errors";
import { ErrorCode } from "@tack/shared/errors";
import type { ClientMessage, ServerMessage } from "@tack/shared/protocol";
import type { FastifyInstance } from "fastify";

export type MutationFrame = Extract<ClientMessage, { type: "mutation" }>;

export async function tunnelMutation(
  http: FastifyInstance,
  credentials: Readonly<Record<string, string>>,
  frame: MutationFrame,
): Promise<ServerMessage> {
  const response = await http.inject({
    method: frame.method,
    url: frame.path,
    headers: {
      ...credentials,
      "content-type": "application/json",
      "x-tack-mutation-id": frame.id,
    },
    payload: JSON.stringify(frame.body ?? {}),
  });
  let body: unknown = null;
  try {
    body = response.json();
  } catch {
    body = response.body;
  }
  if (response.statusCode < 400)
    return { type: "mutation.ack", id: frame.id, status: response.statusCode, body };
  const error: ErrorBody = isErrorBody(body)
    ? body
    : { error: ErrorCode.internal, message: `The request failed with status ${response.statusCode}` };
  return { type: "mutation.reject", id: frame.id, status: response.statusCode, error };
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ErrorBody).error === "string" &&
    typeof (value as ErrorBody).message === "string"
  );
}
