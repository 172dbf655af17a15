import * as React from 'react';

/**
 * Brings a new message into view: in a 320 px pane a report appears below the fold, where a person who
 * just pressed a button would not see it. Returns the ref for the message element.
 */
export function useScrollIntoView<T extends HTMLElement = HTMLDivElement>(trigger: unknown): React.RefObject<T> {
  const ref = React.useRef<T>(null);
  React.useEffect(() => {
    if (trigger) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [trigger]);
  return ref;
}
