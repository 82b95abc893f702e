// Renders its children in a layer appended to <body>, outside the component's own box: a fixed
// dialog inside the header would be clipped by the header's backdrop filter, and the print sheet
// must be the body's only visible child. preact/compat's createPortal does the same, at the cost
// of a global hook on every vnode (see memo.ts); Tack uses no context, so a separate render root
// loses nothing.
import { type ComponentChildren, render } from "preact";
import { useLayoutEffect, useState } from "preact/hooks";

export function BodyLayer({ class: className, children }: { class?: string; children: ComponentChildren }) {
  const [host] = useState(() => document.createElement("div"));
  useLayoutEffect(() => {
    document.body.append(host);
    return () => {
      render(null, host);
      host.remove();
    };
  }, [host]);
  useLayoutEffect(() => {
    host.className = className ?? "";
    render(children, host);
  });
  return null;
}
