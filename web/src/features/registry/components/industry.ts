import { INDUSTRY_DIVISIONS, industryDivisionOf } from '@tiantai/shared';
import type { Locale } from '@/lib/i18n';

/** "C3670 汽车制造业": the code, refined or not, with its division's name in the current language. */
export function industryText(code: string | null | undefined, locale: Locale): string {
  if (!code) return '—';
  const division = industryDivisionOf(code);
  if (!division) return code;
  return `${code} ${locale === 'zh-CN' ? division.zh : division.en}`;
}

export function industryOptions(locale: Locale): { value: string; label: string }[] {
  return INDUSTRY_DIVISIONS.map((d) => ({ value: d.code, label: `${d.code} ${locale === 'zh-CN' ? d.zh : d.en}` }));
}
