import { useMemo } from 'react';
import type { CategoryView } from '@tiantai/shared';
import type { Locale } from '@/lib/i18n';
import { useCategories } from '../api/get-categories';

export function categoryName(category: CategoryView, locale: Locale): string {
  return locale === 'zh-CN' ? category.nameZh : category.nameEn;
}

/** Category code → name in the user's language (the code itself until the categories have loaded). */
export function useCategoryNames(locale: Locale): (code: string) => string {
  const categories = useCategories();
  return useMemo(() => {
    const names = new Map((categories.data ?? []).map((c) => [c.code, categoryName(c, locale)]));
    return (code: string) => names.get(code) ?? code;
  }, [categories.data, locale]);
}
