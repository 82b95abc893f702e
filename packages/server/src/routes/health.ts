import type { Api } from "./api.ts";

export function healthRoutes(api: Api): void {
  const { ctx } = api;
  api.get("/livez", "The process is up", async () => ({ ok: true }));
  api.get("/readyz", "The process can serve: the store answers", async ({ reply }) => {
    try {
      await ctx.store.ping();
      return { ok: true };
    } catch {
      void reply.status(503);
      return { ok: false, error: "unavailable", message: "The database does not answer" };
    }
  });
}
