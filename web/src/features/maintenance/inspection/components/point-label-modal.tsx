import { Button, Flex, Modal, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { InspectionPointView } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';
import { pointLabelUrl } from '../api/get-point-label';

/** Prints the label alone from a blank same-origin window, so only the label reaches the printer. */
function printLabel(point: InspectionPointView, title: string) {
  const url = new URL(pointLabelUrl(point.id), window.location.origin).href;
  const win = window.open('', '_blank', 'width=480,height=560');
  if (!win) {
    window.open(url, '_blank');
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
  img.src = url;
  doc.body.append(img);
}

/** The QR label technicians scan at the point; it encodes the /inspect address with the point's token. */
export function PointLabelModal({ point, onClose }: { point: InspectionPointView; onClose: () => void }) {
  const { t } = useI18n();
  const title = t('inspection.label.alt', { name: point.name });
  return (
    <Modal open title={t('inspection.label.title')} onCancel={onClose} footer={null} destroyOnHidden width={360}>
      <Flex vertical align="center" gap={12}>
        <img src={pointLabelUrl(point.id)} alt={title} style={{ width: 220, maxWidth: '100%', height: 'auto' }} data-testid="point-label" />
        <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
          {t('inspection.label.hint')}
        </Typography.Text>
        <Button icon={<PrinterOutlined />} onClick={() => printLabel(point, title)} data-testid="print-point-label">
          {t('inspection.label.print')}
        </Button>
      </Flex>
    </Modal>
  );
}
