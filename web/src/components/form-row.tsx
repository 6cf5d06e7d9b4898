import type { ReactNode } from 'react';

/** Two or more form items side by side, stacking on narrow screens. */
export function FormRow({ children }: { children: ReactNode }) {
  return <div className="tt-form-row">{children}</div>;
}
