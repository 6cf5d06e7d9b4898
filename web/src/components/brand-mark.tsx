// The product's mark: a factory roofline on a blue tile.
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="tt-brand" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#2f7de1" />
          <stop offset="1" stopColor="#0f4aa0" />
        </linearGradient>
      </defs>
      <rect width="64" height="64" rx="14" fill="url(#tt-brand)" />
      <path d="M12 48V30l12 7v-7l12 7v-7l12 7V16h6v32z" fill="#fff" />
    </svg>
  );
}
