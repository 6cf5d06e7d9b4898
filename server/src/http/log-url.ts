/**
 * A request's URL as the request log shows it: the credentials some clients must put in it — an Open311
 * api_key or a token in the query string, a device's access token in the path of the device HTTP API
 * (/api/v1/<token>/telemetry) — replaced by [redacted].
 */
export function logUrl(url: string): string {
  return url.replace(/([?&](?:api_key|token)=)[^&]*/g, '$1[redacted]').replace(/^(\/api\/v1\/)[^/?]+/, '$1[redacted]');
}
