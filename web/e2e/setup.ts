// Runs beside every browser suite: the security headers' CSP must not block anything the pages do.
import { afterAll, expect } from 'vitest';
import { cspViolations } from './browser';

afterAll(() => {
  expect(cspViolations).toEqual([]);
});
