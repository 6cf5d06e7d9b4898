// The reader's "reduce motion" setting (prefers-reduced-motion, WCAG 2.3.3): dialogs, drop-downs and charts
// then appear in their final state at once instead of sliding or growing in.
import { useSyncExternalStore } from 'react';

let query: MediaQueryList | undefined;
/** One query for every chart and the theme (read on each of their renders). */
const reducedMotion = () => (query ??= window.matchMedia('(prefers-reduced-motion: reduce)'));

function subscribe(onChange: () => void): () => void {
  reducedMotion().addEventListener('change', onChange);
  return () => reducedMotion().removeEventListener('change', onChange);
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => reducedMotion().matches);
}
