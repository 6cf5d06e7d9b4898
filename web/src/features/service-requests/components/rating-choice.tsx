import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import type { CSSProperties, ReactNode } from 'react';
import { RATINGS } from '@tiantai/shared';
import type { Rating } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';

// Each colour carries its word at 4.5:1 or more on the checked option's tint.
const LOOK: Record<Rating, { icon: ReactNode; colour: string }> = {
  satisfied: { icon: <SmileOutlined />, colour: '#237804' },
  basically_satisfied: { icon: <MehOutlined />, colour: '#1554ad' },
  dissatisfied: { icon: <FrownOutlined />, colour: '#cf1322' },
};

/** Three big choices, easy to hit on a phone; a form control (value / onChange) for Form.Item. */
export function RatingChoice({ value, onChange }: { value?: Rating; onChange?: (value: Rating) => void }) {
  const { t } = useI18n();
  return (
    <div role="radiogroup" className="tt-rating-choice">
      {RATINGS.map((rating) => {
        const checked = value === rating;
        const look = LOOK[rating];
        return (
          <button
            key={rating}
            type="button"
            role="radio"
            aria-checked={checked}
            className={`tt-rating-choice__option${checked ? ' tt-rating-choice__option--checked' : ''}`}
            style={{ '--tt-rating-colour': look.colour } as CSSProperties}
            onClick={() => onChange?.(rating)}
            data-testid={`rate-${rating}`}
          >
            <span className="tt-rating-choice__icon">{look.icon}</span>
            <span>{t(`rating.${rating}`)}</span>
          </button>
        );
      })}
    </div>
  );
}
