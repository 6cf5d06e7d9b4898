// Setup of the 'web' vitest project (jsdom): what antd expects of a browser that jsdom lacks, and a clean page,
// storage and fetch after every test.
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// findBy…/waitFor give up after 1 s by default: too short on a CI machine whose two cores also run the browser flows.
configure({ asyncUtilTimeout: 5_000 });

// antd's responsive helpers (Grid.useBreakpoint, Table, Layout.Sider) subscribe to media queries.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    writable: true,
    value: (query: string): MediaQueryList => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

// antd's popups (Tooltip, Select) and Typography watch their size; jsdom lays nothing out, so nothing changes.
if (!window.ResizeObserver) {
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// antd measures the scroll bar through a pseudo-element's style, which jsdom does not implement (it logs an error).
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => getComputedStyle(element);

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});
