// `memo` without preact/compat: importing compat for it installs a global hook that runs on
// every vnode the app creates (about 12 ms of a 1,000-card board's first render), to translate
// React props Tack never uses.
import { type Component, type FunctionComponent, h } from "preact";

/**
 * Renders `render` again only when a prop changed (compared one by one with ===). Signals read
 * inside `render` still re-render it on their own: the wrapper only skips renders its parent
 * asks for.
 */
export function memo<P extends object>(render: FunctionComponent<P>): FunctionComponent<P> {
  function Memo(this: Component<P>, props: P) {
    this.shouldComponentUpdate = propsChanged;
    return h(render, props);
  }
  Memo.displayName = `Memo(${render.displayName ?? render.name})`;
  return Memo;
}

function propsChanged(this: Component, next: object): boolean {
  const current = this.props as Record<string, unknown>;
  const incoming = next as Record<string, unknown>;
  for (const key in current) if (!(key in incoming)) return true;
  for (const key in incoming) if (incoming[key] !== current[key]) return true;
  return false;
}
