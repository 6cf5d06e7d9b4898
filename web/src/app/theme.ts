import type { ThemeConfig } from 'antd';

// A clean, blue, industrial look: deep navy header, white navigation, calm grey canvas.
export const BRAND_BLUE = '#1554ad';
export const HEADER_NAVY = '#0d2c57';

export const appTheme: ThemeConfig = {
  cssVar: { key: 'tt' },
  token: {
    colorPrimary: BRAND_BLUE,
    colorInfo: BRAND_BLUE,
    colorLink: BRAND_BLUE,
    colorBgLayout: '#f2f5f9',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: HEADER_NAVY,
      headerHeight: 56,
      headerPadding: '0 20px',
      siderBg: '#ffffff',
      triggerBg: '#f5f7fa',
      triggerColor: '#3a4a5e',
      bodyBg: '#f2f5f9',
    },
    Menu: {
      itemSelectedBg: '#e8f0fb',
      itemSelectedColor: BRAND_BLUE,
      itemBorderRadius: 6,
      itemMarginInline: 8,
    },
    Table: {
      headerBg: '#f5f7fa',
      headerColor: '#3a4a5e',
    },
    Card: {
      headerFontSize: 15,
    },
  },
};
