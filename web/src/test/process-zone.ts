// The web project runs with TZ=Asia/Shanghai (vitest.config.ts), which would hide a time formatted in the
// browser's zone instead of the county's: a suite that calls this runs its tests with the process in another
// zone (Node applies a new TZ at once) and puts it back, with the county zone, after each.
import { afterEach, beforeEach } from 'vitest';
import { setCountyTimeZone } from '@/lib/format';

export function inProcessZone(zone: string): void {
  let before: string | undefined;
  beforeEach(() => {
    before = process.env.TZ;
    process.env.TZ = zone;
  });
  afterEach(() => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
    setCountyTimeZone('Asia/Shanghai');
  });
}
