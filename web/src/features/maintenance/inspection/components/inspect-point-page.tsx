import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Result, Skeleton, Typography } from 'antd';
import { EnvironmentOutlined, SwapOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import type { InspectionRoundView } from '@tiantai/shared';
import { QueryError } from '@/components/query-error';
import { isApiError } from '@/lib/api-client';
import { useCurrentUser } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useCheckInPoint } from '../api/check-in-point';
import { useInspectionRound } from '../api/get-inspection-round';
import { useMyOpenRounds } from '../api/get-inspection-rounds';
import { ItemCheck } from './item-check';
import { readLastRoundId, rememberRoundId } from './last-round';
import { RoundProgress } from './round-progress';

/** With several rounds under way the technician says which walk this scan belongs to. */
function RoundPicker({ rounds, onPick }: { rounds: InspectionRoundView[]; onPick: (roundId: string) => void }) {
  const { t } = useI18n();
  return (
    <Card title={t('inspection.inspect.pickRound')} data-testid="round-picker">
      <Flex vertical gap={12}>
        {rounds.map((round) => (
          <Button
            key={round.id}
            block
            style={{ height: 'auto', padding: '12px 16px', textAlign: 'left' }}
            onClick={() => onPick(round.id)}
            data-testid="pick-round"
          >
            <Flex vertical style={{ width: '100%' }}>
              <Typography.Text strong>{round.routeName}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('inspection.startedAt', { at: formatDateTime(round.startedAt) })} ·{' '}
                {t('inspection.pointsChecked', { checked: round.pointsChecked, total: round.pointsTotal })}
              </Typography.Text>
            </Flex>
          </Button>
        ))}
      </Flex>
    </Card>
  );
}

/** Checks the point in to the round as soon as the page opens, then shows its items to record. */
function CheckedInPoint({ roundId, token, onSwitch }: { roundId: string; token: string; onSwitch?: () => void }) {
  const { t } = useI18n();
  const checkIn = useCheckInPoint();
  // Read the round only once the check-in has answered, so its progress already counts this point.
  const round = useInspectionRound(checkIn.isSuccess || checkIn.isError ? roundId : undefined);
  const { mutate } = checkIn;
  const sent = useRef('');

  useEffect(() => {
    // The check-in is idempotent, but one request per round and token is enough.
    const key = `${roundId}\n${token}`;
    if (sent.current === key) return;
    sent.current = key;
    mutate({ roundId, qrToken: token }, { onSuccess: () => rememberRoundId(roundId) });
  }, [mutate, roundId, token]);

  const switchButton = onSwitch && (
    <Button icon={<SwapOutlined />} onClick={onSwitch} data-testid="switch-round">
      {t('inspection.inspect.switchRound')}
    </Button>
  );

  if (checkIn.isError) {
    if (isApiError(checkIn.error, 'NOT_FOUND'))
      return (
        <Result
          status="404"
          title={<span data-testid="point-not-found">{t('inspection.inspect.notFound')}</span>}
          subTitle={t('inspection.inspect.notFoundText', { route: round.data?.routeName ?? '' })}
          extra={
            <Flex gap={8} justify="center" wrap>
              {switchButton}
              <Link to="/inspection">
                <Button type="primary">{t('inspection.inspect.backToInspection')}</Button>
              </Link>
            </Flex>
          }
        />
      );
    return <Alert type="error" showIcon title={describeError(checkIn.error, t)} action={switchButton} data-testid="check-in-error" />;
  }
  if (!checkIn.data || round.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (round.isError) return <QueryError error={round.error} onRetry={() => void round.refetch()} />;

  const { point } = checkIn.data;
  // The round's answer is the latest word on each item; the check-in's results fill in until it arrives.
  const results = round.data.results.filter((r) => r.pointId === point.id);
  const resultOf = (itemId: string) => results.find((r) => r.itemId === itemId) ?? checkIn.data.results.find((r) => r.itemId === itemId);
  const finished = round.data.finishedAt !== null;

  return (
    <Flex vertical gap={12} data-testid="checked-in-point" data-point-id={point.id}>
      <Card size="small">
        <Flex vertical gap={6}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {round.data.routeName}
          </Typography.Text>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="point-name">
            <EnvironmentOutlined /> {point.seq}. {point.name}
          </Typography.Title>
          {point.assetCode && (
            <Typography.Text type="secondary" data-testid="point-asset-code">
              {point.assetCode} {point.assetName}
            </Typography.Text>
          )}
          <RoundProgress round={round.data} />
        </Flex>
      </Card>
      {finished && <Alert type="info" showIcon title={t('inspection.round.finishedAlert')} />}
      {point.items.map((item) => (
        <ItemCheck key={item.id} roundId={roundId} pointId={point.id} item={item} result={resultOf(item.id)} disabled={finished} />
      ))}
      <Flex gap={8} justify="space-between" wrap>
        {switchButton}
        <Link to={`/inspection/rounds/${encodeURIComponent(roundId)}`} data-testid="round-link">
          <Button size="large">{t('inspection.inspect.toRound')}</Button>
        </Link>
      </Flex>
    </Flex>
  );
}

/**
 * What a phone opens from a point's QR label (/inspect/<token>). The token says nothing about the round, so
 * the page uses the technician's only open round, else the one last used on this phone, else asks.
 */
export function InspectPointPage() {
  const { t } = useI18n();
  const { token = '' } = useParams();
  const user = useCurrentUser();
  const rounds = useMyOpenRounds(user.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);

  if (rounds.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (rounds.isError) return <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />;
  const open = rounds.data;
  if (open.length === 0)
    return (
      <Result
        status="info"
        title={<span data-testid="no-open-round">{t('inspection.inspect.noRound')}</span>}
        subTitle={t('inspection.inspect.noRoundText')}
        extra={
          <Link to="/inspection">
            <Button type="primary" size="large">
              {t('inspection.inspect.backToInspection')}
            </Button>
          </Link>
        }
      />
    );

  const isOpen = (id: string | null) => id !== null && open.some((round) => round.id === id);
  const last = readLastRoundId();
  const roundId = isOpen(chosen) ? chosen : open.length === 1 ? open[0]!.id : isOpen(last) ? last : null;
  if (picking || roundId === null)
    return (
      <RoundPicker
        rounds={open}
        onPick={(id) => {
          rememberRoundId(id);
          setChosen(id);
          setPicking(false);
        }}
      />
    );
  return <CheckedInPoint key={roundId} roundId={roundId} token={token} onSwitch={open.length > 1 ? () => setPicking(true) : undefined} />;
}
