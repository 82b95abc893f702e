import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.ts";
import type { TokenRateLimit } from "../http/token-rate-limit.ts";
import { healthRoutes } from "../ops/health-routes.ts";
import { actionReadRoutes } from "./action-reads.ts";
import { actionRoutes } from "./actions.ts";
import { Api, openApiDocument } from "./api.ts";
import { attachmentRoutes } from "./attachments.ts";
import { authRoutes } from "./auth.ts";
import { batchRoutes } from "./batch.ts";
import { boardTransferRoutes } from "./board-transfer.ts";
import { boardRoutes } from "./boards.ts";
import { cardExtraRoutes } from "./card-extras.ts";
import { cardRoutes } from "./cards.ts";
import { checklistExtraRoutes } from "./checklist-extras.ts";
import { checklistRoutes } from "./checklists.ts";
import { claimRoutes } from "./claims.ts";
import { customFieldRoutes } from "./custom-fields.ts";
import { fieldReadRoutes } from "./field-reads.ts";
import { invitationRoutes } from "./invitations.ts";
import { labelRoutes } from "./labels.ts";
import { listExtraRoutes } from "./list-extras.ts";
import { listRoutes } from "./lists.ts";
import { memberUploadRoutes } from "./member-uploads.ts";
import { memberRoutes } from "./members.ts";
import { organizationRoutes } from "./organizations.ts";
import { reactionRoutes } from "./reactions.ts";
import { searchRoutes } from "./search.ts";
import { sessionRoutes } from "./sessions.ts";

export async function registerRoutes(
  http: FastifyInstance,
  ctx: AppContext,
  tokenRateLimit: TokenRateLimit,
  /** Routes of other layers (the real-time polling route). */
  more: ReadonlyArray<(api: Api) => void> = [],
): Promise<Api> {
  const api = new Api(http, ctx, tokenRateLimit);
  for (const register of [
    healthRoutes,
    authRoutes,
    sessionRoutes,
    memberRoutes,
    memberUploadRoutes,
    organizationRoutes,
    boardRoutes,
    invitationRoutes,
    listRoutes,
    cardRoutes,
    attachmentRoutes,
    labelRoutes,
    checklistRoutes,
    actionRoutes,
    reactionRoutes,
    searchRoutes,
    boardTransferRoutes,
    claimRoutes,
    customFieldRoutes,
    cardExtraRoutes,
    listExtraRoutes,
    checklistExtraRoutes,
    batchRoutes,
    fieldReadRoutes,
    actionReadRoutes,
    ...more,
  ]) {
    register(api);
  }
  const document = openApiDocument(api);
  http.get("/1/openapi.json", async () => document);
  return api;
}
