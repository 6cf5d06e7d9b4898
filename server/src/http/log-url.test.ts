import { describe, expect, it } from 'vitest';
import { logUrl } from './log-url';

describe('the request log', () => {
  it('keeps device tokens, api keys and query tokens out of the URL it logs', () => {
    expect(logUrl('/api/v1/Ab3-xY_9secret/telemetry')).toBe('/api/v1/[redacted]/telemetry');
    expect(logUrl('/api/v1/Ab3secret/attributes?clientKeys=a')).toBe('/api/v1/[redacted]/attributes?clientKeys=a');
    expect(logUrl('/open311/v2/requests.json?api_key=k3y&lat=29.1')).toBe('/open311/v2/requests.json?api_key=[redacted]&lat=29.1');
    expect(logUrl('/api/screens/kiosk?token=t0k')).toBe('/api/screens/kiosk?token=[redacted]');
    expect(logUrl('/api/telemetry/devices?q=press')).toBe('/api/telemetry/devices?q=press');
  });
});
