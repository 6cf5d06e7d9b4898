import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '@/lib/i18n';

/** Shows the language one would switch to: "English" while in Chinese, "中文" while in English. */
export function LanguageSwitch({ ghost = false }: { ghost?: boolean }) {
  const { locale, setLocale } = useI18n();
  const next = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Button
      data-testid="lang-switch"
      type={ghost ? 'text' : 'default'}
      size="small"
      icon={<GlobalOutlined />}
      style={ghost ? { color: 'rgba(255,255,255,0.88)' } : undefined}
      onClick={() => setLocale(next)}
      lang={next}
    >
      {next === 'en' ? 'English' : '中文'}
    </Button>
  );
}
