// The screen's clock reads the county's time (the zone the snapshot names), not the display's own zone: a
// kiosk has no session to learn the county's zone from (#14 item 7).
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { inProcessZone } from '@/test/process-zone';
import { renderWithProviders } from '@/test/render';
import { ScreenHeader } from './screen-header';

describe('ScreenHeader', () => {
  // The wall display itself is set to UTC.
  inProcessZone('UTC');

  it("shows the clock on the zone it is given, whatever the display's", () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // 17:00 UTC on 31 December 2025: 23:00 on New Year's Eve in Ürümqi, 01:00 on New Year's Day in Beijing.
    vi.setSystemTime(new Date('2025-12-31T17:00:00.000Z'));
    renderWithProviders(<ScreenHeader title="设备运行大屏" organisation="天台" place={null} status="live" timeZone="Asia/Urumqi" />);
    const clock = screen.getByTestId('screen-clock').textContent ?? '';
    expect(clock).toMatch(/^23:00:00/);
    expect(clock).toContain('2025-12-31');
  });
});
