// A list page's filters live in its URL (?state=down&page=2), so a filtered view can be bookmarked, shared
// and restored with the back button. One hook for every such page.
import { useSearchParams } from 'react-router';

/**
 * The page's search parameters and `update(patch, keepPage)`: each key of the patch is set, or removed when
 * undefined or empty; a new filter starts again from the first page unless `keepPage` (turning the
 * page keeps the filter). `reset(values)` replaces them all. The URL is replaced, not pushed: the back button
 * leaves the page.
 */
export function useUrlFilter() {
  const [params, setParams] = useSearchParams();
  const update = (patch: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };
  /** Replaces every parameter (none: clears the filters). */
  const reset = (values: Record<string, string> = {}) => setParams(new URLSearchParams(values), { replace: true });
  return { params, update, reset };
}
