// The embedded default has one process, which delivers its own changes directly: there is no one
// else to tell, so publishing does nothing. It exists so the service has the same shape either way.
import type { BusMessage, ChangeBus } from "./change-bus.ts";

export class MemoryChangeBus implements ChangeBus {
  async publish(_message: BusMessage): Promise<void> {}
  healthy(): boolean {
    return true;
  }

  async close(): Promise<void> {}
}
