import { screen } from '@testing-library/react';
import { REQUEST_STATUSES, type RequestStatus } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import type { Locale } from '@/lib/i18n';
import { renderWithProviders } from '@/test/render';
import { RequestStatusTag } from './request-status-tag';

/** What an enterprise or the office reads on a request in each step (政务服务 wording in Chinese). */
const LABELS: Record<Locale, Record<RequestStatus, string>> = {
  'zh-CN': {
    submitted: '待受理',
    accepted: '已受理',
    dispatched: '已派单',
    signed: '已签收',
    in_progress: '办理中',
    answered: '已答复',
    closed: '已办结',
    rejected: '不予受理',
  },
  en: {
    submitted: 'Awaiting acceptance',
    accepted: 'Accepted',
    dispatched: 'Dispatched',
    signed: 'Signed for',
    in_progress: 'In progress',
    answered: 'Answered',
    closed: 'Closed',
    rejected: 'Rejected',
  },
};

function tagText(status: RequestStatus, locale: Locale): string {
  renderWithProviders(<RequestStatusTag status={status} />, { locale });
  const tag = screen.getByTestId('request-status');
  expect(tag.getAttribute('data-status')).toBe(status);
  return tag.textContent ?? '';
}

describe('RequestStatusTag', () => {
  it('knows every status of the workflow', () => {
    expect(Object.keys(LABELS['zh-CN']).sort()).toEqual([...REQUEST_STATUSES].sort());
  });

  describe.each(['zh-CN', 'en'] as const)('in %s', (locale) => {
    it.each(REQUEST_STATUSES)('names %s', (status) => {
      expect(tagText(status, locale)).toBe(LABELS[locale][status]);
    });

    it('tells every status apart', () => {
      const texts = REQUEST_STATUSES.map((status) => {
        const { unmount } = renderWithProviders(<RequestStatusTag status={status} />, { locale });
        const text = screen.getByTestId('request-status').textContent;
        unmount();
        return text;
      });
      expect(new Set(texts).size).toBe(REQUEST_STATUSES.length);
    });
  });

  it('colours a closed request as done and a new one as waiting for the office', () => {
    renderWithProviders(
      <>
        <RequestStatusTag status="closed" />
        <RequestStatusTag status="submitted" />
      </>,
    );
    const [closed, submitted] = screen.getAllByTestId('request-status');
    expect(closed!.className).toContain('ant-tag-success');
    expect(submitted!.className).toContain('ant-tag-gold');
  });
});
