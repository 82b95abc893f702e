// The outbox topic of webhooks: every board write that records actions also writes one entry naming
// them (commands/mutate.ts), committed with the write; the fan-out (fan-out.ts) decides after commit
// which webhooks hear of them.
export const WEBHOOK_TOPIC = "webhook";
