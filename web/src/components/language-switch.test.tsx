import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { useI18n } from '@/lib/i18n';
import { renderWithProviders } from '@/test/render';
import { LanguageSwitch } from './language-switch';

/** Something of the page in the current language, to see the switch act on the whole app. */
function AppName() {
  const { t } = useI18n();
  return <h1>{t('app.name')}</h1>;
}

describe('LanguageSwitch', () => {
  it('offers English to a Chinese reader, labelled in English', () => {
    renderWithProviders(<LanguageSwitch />);
    const button = screen.getByRole('button', { name: /English/ });
    expect(button.getAttribute('lang')).toBe('en');
    expect(button.textContent).toBe('English');
    expect(screen.queryByText('中文')).toBeNull();
  });

  it('switches the whole app to English and back, and remembers the choice', async () => {
    renderWithProviders(
      <>
        <AppName />
        <LanguageSwitch />
      </>,
    );
    expect(screen.getByRole('heading').textContent).toBe('天台工业互联网平台');

    await userEvent.click(screen.getByRole('button', { name: /English/ }));
    expect(screen.getByRole('heading').textContent).toBe('Tiantai Industrial Platform');
    expect(window.localStorage.getItem('tt.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Tiantai Industrial Platform');
    expect(dayjs.locale()).toBe('en');
    const back = screen.getByRole('button', { name: /中文/ });
    expect(back.getAttribute('lang')).toBe('zh-CN');

    await userEvent.click(back);
    expect(screen.getByRole('heading').textContent).toBe('天台工业互联网平台');
    expect(window.localStorage.getItem('tt.locale')).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(dayjs.locale()).toBe('zh-cn');
  });

  it('opens in the language chosen on an earlier visit', () => {
    renderWithProviders(
      <>
        <AppName />
        <LanguageSwitch />
      </>,
      { locale: 'en' },
    );
    expect(screen.getByRole('heading').textContent).toBe('Tiantai Industrial Platform');
    expect(screen.getByRole('button', { name: /中文/ })).toBeTruthy();
  });
});
