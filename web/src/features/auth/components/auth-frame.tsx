import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { BrandMark } from '@/components/brand-mark';
import { LanguageSwitch } from '@/components/language-switch';
import './login-page.css';

/** The signed-out frame: language switch, the brand and a title on one card; the sign-in and password pages. */
export function AuthFrame({
  title,
  subtitle,
  footer,
  children,
}: {
  title: string;
  subtitle?: string;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="tt-login">
      <div className="tt-login__lang">
        <LanguageSwitch ghost />
      </div>
      <main className="tt-login__main">
        <Card className="tt-login__card" variant="borderless">
          <div className="tt-login__brand">
            <BrandMark size={52} />
            <Typography.Title level={3} className="tt-login__title">
              {title}
            </Typography.Title>
            {subtitle && (
              <Typography.Text type="secondary" className="tt-login__subtitle">
                {subtitle}
              </Typography.Text>
            )}
          </div>
          {children}
        </Card>
        {footer}
      </main>
    </div>
  );
}
