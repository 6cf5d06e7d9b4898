// The direct service's SLA traffic light: its three colours and the dot that shows one of them (the requests
// pages and the homes both draw it).
import type { SlaColour } from '@tiantai/shared';

/** green: on track; yellow: in the last quarter of the allowed working time; red: overdue. */
export const SLA_COLOURS_HEX: Record<SlaColour, string> = { green: '#2fb344', yellow: '#f0a020', red: '#cf1322' };

export function SlaDot({ colour, size = 10 }: { colour: SlaColour; size?: number }) {
  const hex = SLA_COLOURS_HEX[colour];
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        flex: 'none',
        width: size,
        height: size,
        borderRadius: '50%',
        background: hex,
        boxShadow: `0 0 0 3px ${hex}26`,
      }}
    />
  );
}
