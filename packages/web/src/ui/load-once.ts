// A code chunk fetched at most once however many ask for it, ahead of need or on demand: the
// callers share one promise, and a failed fetch is forgotten so the next call tries again.

export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let fetching: Promise<T> | null = null;
  return () => {
    fetching ??= load().catch((error: unknown) => {
      fetching = null;
      throw error;
    });
    return fetching;
  };
}
