// How a manual counter reading turns into usage: a counter never goes backwards, except when it was
// replaced (reset: the new counter counts from zero) or wrapped at its maximum (rollover).
import type { ReadingBody, ReadingKind } from '@tiantai/shared';
import { AppError } from '../../http/errors';

export interface CounterStep {
  kind: ReadingKind;
  delta: number;
}

/** `previous` is the last raw reading, or undefined for the first one (the counter started at zero). */
export function counterStep(
  previous: number | undefined,
  body: Pick<ReadingBody, 'value' | 'reset' | 'rollover' | 'rolloverAt'>,
): CounterStep {
  const { value } = body;
  if (body.reset && body.rollover) throw new AppError(400, 'VALIDATION_FAILED', 'A reading is either a reset or a rollover, not both');
  if (body.reset) return { kind: 'reset', delta: value };
  const last = previous ?? 0;
  if (body.rollover) {
    const max = body.rolloverAt;
    if (max === undefined) throw new AppError(400, 'VALIDATION_FAILED', 'rolloverAt: the counter maximum is required for a rollover');
    if (last > max || value > max)
      throw new AppError(400, 'VALIDATION_FAILED', `rolloverAt: ${max} is below the previous reading ${last} or the new value ${value}`);
    if (value >= last) throw new AppError(400, 'VALIDATION_FAILED', `A rollover reads below the previous reading ${last}`);
    return { kind: 'rollover', delta: max - last + value };
  }
  if (value < last)
    throw new AppError(409, 'COUNTER_BACKWARDS', `The counter reads ${value}, below its previous reading ${last}; send reset or rollover`, {
      previous: last,
    });
  return { kind: 'reading', delta: value - last };
}
