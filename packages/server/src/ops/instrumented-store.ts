// Times every store call for the `tack_store_duration_seconds` histogram without touching the
// adapters: a Proxy wraps each method that returns a promise. A transaction is timed as a whole
// (`transact`), which is what a slow database shows up in.
import type { Store } from "../store/store.ts";
import type { Metrics } from "./metrics.ts";

export function instrumentStore(store: Store, metrics: Metrics): Store {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || typeof property !== "string") return value;
      const cached = wrapped.get(property);
      if (cached) return cached;
      const method = value as (...args: unknown[]) => unknown;
      const timed = (...args: unknown[]): unknown => {
        const started = performance.now();
        const result = method.apply(target, args);
        if (!(result instanceof Promise)) return result;
        const observe = (outcome: "ok" | "error") =>
          metrics.storeDuration.observe({ op: property, outcome }, (performance.now() - started) / 1000);
        return result.then(
          (resolved) => {
            observe("ok");
            return resolved;
          },
          (error: unknown) => {
            observe("error");
            throw error;
          },
        );
      };
      wrapped.set(property, timed);
      return timed;
    },
  });
}
