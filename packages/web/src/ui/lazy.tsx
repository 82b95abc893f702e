// Components whose code is fetched the first time they show (a dynamic import() becomes its own
// chunk), so the first paint of a board or the home page does not pay for screens and panels most
// visits never open. The loaded component is kept, so later openings render at once; a part most
// visits do open (the card dialog) is fetched ahead with `preload()` once the page is idle.
import type { ComponentChildren, ComponentType, FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";
import { loadOnce } from "./load-once.ts";

interface LazyOptions<P> {
  /** Shown while the chunk loads (a busy placeholder in the component's own frame). */
  loading: ComponentChildren;
  /** Names the part in the failure message ("the account page"). */
  what: string;
  /** Shows the failure in the component's own frame (a dialog that can be closed); else inline. */
  failed?: (props: P, message: string) => ComponentChildren;
}

export interface LazyComponent<P> extends FunctionComponent<P> {
  /** Fetches the code now, so the first showing renders at once; a failure is left to that showing. */
  preload(): void;
}

export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  { loading, what, failed: showFailure }: LazyOptions<P>,
): LazyComponent<P> {
  let loaded: ComponentType<P> | null = null;
  // One fetch for the preload and every showing.
  const fetchOnce = loadOnce(() => load().then((component) => (loaded = component)));
  function Lazy(props: P) {
    const [, setReady] = useState(0);
    const [failed, setFailed] = useState(false);
    const Component = loaded;
    useEffect(() => {
      // Rendered with the code at hand: nothing to wait for. Otherwise wait even if the code has
      // arrived since this render (a preload finishing between the render and this effect): the
      // promise is then settled and the render it asks for shows the component, where returning
      // early on `loaded` left the placeholder on screen for good.
      if (Component) return;
      let live = true;
      fetchOnce()
        .then(() => {
          if (live) setReady((n) => n + 1);
        })
        .catch(() => live && setFailed(true));
      return () => {
        live = false;
      };
    }, []);
    if (Component) return <Component {...props} />;
    if (failed) {
      const message = `Could not load ${what}. Check your connection and reload the page.`;
      if (showFailure) return <>{showFailure(props, message)}</>;
      return (
        <div class="view-message" role="alert">
          {message}
        </div>
      );
    }
    return <>{loading}</>;
  }
  Lazy.preload = () => void fetchOnce().catch(() => {});
  return Lazy;
}
