import { useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

export interface BoxSize {
  width: number;
  height: number;
}

/**
 * An element's size in stage pixels: its layout size, which the stage's scaling to the window does not change,
 * so a board or a map is laid out the same on a 1366×768 laptop as on a 1920×1080 wall. Null until measured.
 */
export function useBoxSize<T extends HTMLElement>(): [RefObject<T | null>, BoxSize | null] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<BoxSize | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () =>
      setSize((before) =>
        before?.width === element.clientWidth && before.height === element.clientHeight
          ? before
          : { width: element.clientWidth, height: element.clientHeight },
      );
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size && size.width > 0 && size.height > 0 ? size : null];
}
