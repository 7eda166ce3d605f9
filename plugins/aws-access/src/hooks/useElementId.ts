import { useState } from 'react';

let counter = 0;

/**
 * A DOM id unique on the page, so labels name their inputs for screen
 * readers even when a form appears twice (tab and dialog). React 18's
 * useId would do, but the plugin still supports React 16 and 17.
 */
export function useElementId(prefix: string): string {
  const [id] = useState(() => `${prefix}-${++counter}`);
  return id;
}
