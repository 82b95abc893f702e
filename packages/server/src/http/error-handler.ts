// One place maps every failure to an HTTP status and an `{error, message, field?}` body.
import { type ErrorBody, ErrorCode, httpStatusOf, TackError } from "@tack/shared/errors";
import type { FastifyError, FastifyInstance } from "fastify";
import { isStoreUnavailable } from "../store/unavailable.ts";

function fromFastify(error: FastifyError): TackError | null {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new TackError(ErrorCode.malformedJson, "The request body is not valid JSON");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new TackError(ErrorCode.payloadTooLarge, "The request body is too large");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new TackError(ErrorCode.invalidInput, "Unsupported Content-Type: send JSON or form fields");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new TackError(ErrorCode.invalidInput, "Content-Length does not match the body");
    default:
      break;
  }
  if (error instanceof SyntaxError)
    return new TackError(ErrorCode.malformedJson, "The request body is not valid JSON");
  if (error.statusCode === 413)
    return new TackError(ErrorCode.payloadTooLarge, "The request body is too large");
  if (error.statusCode === 429)
    return new TackError(ErrorCode.rateLimited, "Too many requests: slow down and retry later");
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new TackError(ErrorCode.invalidInput, error.message);
  }
  return null;
}

export function toTackError(error: unknown): TackError {
  if (error instanceof TackError) return error;
  if (isStoreUnavailable(error))
    return new TackError(
      ErrorCode.unavailable,
      "The database is unavailable right now: retry in a few seconds",
    );
  return (
    fromFastify(error as FastifyError) ??
    new TackError(ErrorCode.internal, "Something went wrong on our side")
  );
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const tackError = toTackError(error);
    if (tackError.code === ErrorCode.internal) request.log.error({ err: error }, "request failed");
    if (tackError.code === ErrorCode.unavailable) {
      request.log.warn({ err: error }, "store unavailable");
      void reply.header("retry-after", "2");
    }
    const body: ErrorBody = tackError.toBody();
    void reply.status(httpStatusOf[tackError.code]).send(body);
  });
}
