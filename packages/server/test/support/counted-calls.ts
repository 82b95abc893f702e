// An object whose method calls are counted, each passed through to it unchanged: how the lease
// tests see how often a worker asked the real store for its lease.

/** `target` behind a proxy that counts the calls of each of its methods. */
export function countedCalls<T extends object>(
  target: T,
): { counted: T; calls: (method: keyof T) => number } {
  const calls = new Map<PropertyKey, number>();
  const counted = new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return value.apply(object, args);
      };
    },
  });
  return { counted, calls: (method) => calls.get(method) ?? 0 };
}
