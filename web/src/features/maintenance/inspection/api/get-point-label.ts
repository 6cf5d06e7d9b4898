/** The printable SVG QR label of a point; loaded by an <img> with the session cookie. */
export function pointLabelUrl(pointId: string): string {
  return `/api/inspection/points/${encodeURIComponent(pointId)}/label`;
}
