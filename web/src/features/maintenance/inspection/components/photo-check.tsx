import { useRef } from 'react';
import { Alert, Button, Flex, Image, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { PHOTO_TYPES, type InspectionItemView, type InspectionResultView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { inspectionPhotoUrl, useUploadInspectionPhoto } from '../api/upload-inspection-photo';

/** A photo item: one big button that opens the phone's camera (or its files), then the picture taken. */
export function PhotoCheck({
  roundId,
  item,
  result,
  disabled,
}: {
  roundId: string;
  item: InspectionItemView;
  result: InspectionResultView | undefined;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const upload = useUploadInspectionPhoto(roundId, item.id);
  const input = useRef<HTMLInputElement>(null);
  const photoId = result?.photoId ?? null;

  return (
    <Flex vertical gap={8} data-testid="item-photo">
      {photoId && (
        <Image
          src={inspectionPhotoUrl(roundId, photoId)}
          alt={result?.value ?? item.label}
          style={{ maxHeight: 220, objectFit: 'contain', borderRadius: 8 }}
          data-testid="item-photo-image"
        />
      )}
      <input
        ref={input}
        type="file"
        accept={PHOTO_TYPES.join(',')}
        capture="environment"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) upload.mutate(file);
        }}
        data-testid="item-photo-input"
      />
      <Button
        block
        type={photoId ? 'default' : 'primary'}
        icon={<CameraOutlined />}
        style={{ height: 56, fontSize: 18 }}
        loading={upload.isPending}
        disabled={disabled}
        onClick={() => input.current?.click()}
        data-testid="item-photo-take"
      >
        {photoId ? t('inspection.result.photoRetake') : t('inspection.result.photoTake')}
      </Button>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('inspection.result.photoRules')}
      </Typography.Text>
      {upload.isError && <Alert type="error" showIcon title={describeError(upload.error, t)} data-testid="item-photo-error" />}
    </Flex>
  );
}
