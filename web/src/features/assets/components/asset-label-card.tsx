import { Button, Card, Flex, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { AssetDetailView } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';
import { assetLabelUrl } from '../api/get-asset';

/**
 * Opens the label alone in a new window and prints it there, so only the label reaches the printer.
 * The window is built with DOM calls on a same-origin blank page; the <img> loads with the session cookie.
 */
function printLabel(asset: AssetDetailView, title: string) {
  const win = window.open('', '_blank', 'width=480,height=560');
  if (!win) {
    window.open(assetLabelUrl(asset.id), '_blank');
    return;
  }
  const doc = win.document;
  doc.title = title;
  const style = doc.createElement('style');
  style.textContent =
    '@page{margin:8mm}html,body{margin:0;height:100%}body{display:flex;align-items:center;justify-content:center}img{width:60mm;max-width:90vw;height:auto}';
  doc.head.append(style);
  const img = doc.createElement('img');
  img.alt = title;
  img.addEventListener('load', () => {
    win.focus();
    win.print();
  });
  img.src = new URL(assetLabelUrl(asset.id), window.location.origin).href;
  doc.body.append(img);
}

/** The QR label that opens this page from a phone, with a button to print it. */
export function AssetLabelCard({ asset }: { asset: AssetDetailView }) {
  const { t } = useI18n();
  const title = t('label.alt', { code: asset.code });
  return (
    <Card size="small" title={t('label.title')} data-testid="label-card">
      <Flex vertical align="center" gap={12}>
        <img src={assetLabelUrl(asset.id)} alt={title} style={{ width: 200, maxWidth: '100%', height: 'auto' }} data-testid="asset-label" />
        <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
          {t('label.hint')}
        </Typography.Text>
        <Button icon={<PrinterOutlined />} onClick={() => printLabel(asset, title)} data-testid="print-label">
          {t('label.print')}
        </Button>
      </Flex>
    </Card>
  );
}
