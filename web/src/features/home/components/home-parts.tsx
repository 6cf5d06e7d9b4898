// The pieces every role's home is made of: a figure that links to the page behind it (and a row of them), a
// card listing the few most urgent items, and the open requests by SLA colour.
import { Children } from 'react';
import type { ReactNode } from 'react';
import { Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { SLA_COLOURS_HEX, SlaDot } from '@/components/sla-dot';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';

/** The red of "overdue" and "critical" (the SLA's red): a figure above zero in this colour asks for action. */
export const ALERT = SLA_COLOURS_HEX.red;

export interface FigureCardProps {
  testId: string;
  title: string;
  value: number | string;
  to: string;
  icon: ReactNode;
  accent: string;
  hint?: ReactNode;
  alert?: boolean;
  suffix?: ReactNode;
}

/**
 * One figure of the person's work, linking to the page (filtered) that lists what it counts. `alert`: the
 * figure shows red when above zero (overdue, critical); `hint` is a line under it.
 */
export function FigureCard({ testId, title, value, to, icon, accent, hint, alert = false, suffix }: FigureCardProps) {
  const alarming = alert && typeof value === 'number' && value > 0;
  return (
    <Link to={to} data-testid={testId} style={{ display: 'block', height: '100%' }}>
      <Card hoverable className="tt-stat" styles={{ body: { padding: '16px 20px' } }}>
        <Flex align="center" gap={16}>
          <div className="tt-stat__icon" style={{ background: `${accent}1a`, color: accent }}>
            {icon}
          </div>
          <Flex vertical style={{ minWidth: 0 }}>
            <Typography.Text type="secondary" ellipsis>
              {title}
            </Typography.Text>
            <Typography.Text
              strong
              style={{ fontSize: 26, lineHeight: '34px', color: alarming ? ALERT : undefined }}
              data-testid={`${testId}-value`}
            >
              {value}
              {suffix && <span style={{ fontSize: 14, fontWeight: 400, marginInlineStart: 4 }}>{suffix}</span>}
            </Typography.Text>
            {hint && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                {hint}
              </Typography.Text>
            )}
          </Flex>
        </Flex>
      </Card>
    </Link>
  );
}

/**
 * Figure cards in a row: one a line on a phone (two with `xs={12}`), two on a tablet, and on a wide screen all
 * of them on one line (up to five; more go four a line).
 */
export function FigureRow({ cards, xs = 24 }: { cards: FigureCardProps[]; xs?: number }) {
  const perLine = cards.length <= 5 ? cards.length : 4;
  const xl = 24 % perLine === 0 ? { span: 24 / perLine } : { flex: `${100 / perLine}%` };
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col key={card.testId} xs={xs} sm={12} xl={xl}>
          <FigureCard {...card} />
        </Col>
      ))}
    </Row>
  );
}

/** A card of the few most urgent items behind a figure, with a link to all of them. */
export function ItemsCard({
  testId,
  title,
  moreTo,
  empty,
  children,
  count,
}: {
  testId: string;
  title: ReactNode;
  moreTo: string;
  empty: string;
  count: number;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card
      title={title}
      data-testid={testId}
      style={{ height: '100%' }}
      styles={{ body: { paddingTop: 4, paddingBottom: 8 } }}
      extra={
        <Link to={moreTo} data-testid={`${testId}-more`}>
          {t('home.viewAll')} <RightOutlined style={{ fontSize: 11 }} />
        </Link>
      }
    >
      {count === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} style={{ margin: '20px 0' }} /> : children}
    </Card>
  );
}

/** One row of an ItemsCard: a linked title with its tags on the right and a secondary line. */
export function ItemRow({
  to,
  title,
  code,
  tags,
  meta,
  testId,
}: {
  to: string;
  title: string;
  code?: string;
  tags?: ReactNode;
  meta?: ReactNode;
  testId: string;
}) {
  return (
    <Link to={to} data-testid={testId} style={{ display: 'block', color: 'inherit', padding: '10px 0' }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
          {code && (
            <Typography.Text type="secondary" className="tt-mono" style={{ marginInlineEnd: 8, fontWeight: 400 }}>
              {code}
            </Typography.Text>
          )}
          {title}
        </Typography.Text>
        <Flex gap={4} align="center" style={{ flex: 'none' }}>
          {tags}
        </Flex>
      </Flex>
      {meta && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {meta}
        </Typography.Text>
      )}
    </Link>
  );
}

/** Rows separated by hairlines. */
export function ItemRows({ children }: { children: ReactNode }) {
  return (
    <Flex vertical>
      {Children.toArray(children).map((row, index) => (
        <div key={index} style={index > 0 ? { borderTop: '1px solid #f0f0f0' } : undefined}>
          {row}
        </div>
      ))}
    </Flex>
  );
}

/**
 * Open requests by SLA colour: a bar of their shares and the three counts, each linking to the requests list
 * filtered by that colour.
 */
export function SlaQueueCard({
  counts,
  title,
}: {
  counts: { open: number; green: number; yellow: number; red: number };
  title: MessageKey;
}) {
  const { t } = useI18n();
  const colours = ['red', 'yellow', 'green'] as const;
  return (
    <Card
      title={t(title)}
      data-testid="home-sla"
      style={{ height: '100%' }}
      extra={
        <Link to="/requests?open=true" data-testid="home-sla-open">
          {t('home.slaOpen', { count: counts.open })} <RightOutlined style={{ fontSize: 11 }} />
        </Link>
      }
    >
      <Flex vertical gap={16}>
        <div
          role="img"
          aria-label={colours.map((c) => `${t(`home.sla.${c}`)} ${counts[c]}`).join(', ')}
          style={{ display: 'flex', height: 10, borderRadius: 5, overflow: 'hidden', background: '#f0f2f5' }}
        >
          {[...colours]
            .reverse()
            .map((colour) =>
              counts[colour] > 0 ? <div key={colour} style={{ flex: counts[colour], background: SLA_COLOURS_HEX[colour] }} /> : null,
            )}
        </div>
        <Flex gap={12} wrap>
          {colours.map((colour) => (
            <Link
              key={colour}
              to={`/requests?sla=${colour}`}
              data-testid={`home-sla-${colour}`}
              style={{ flex: '1 1 120px', color: 'inherit' }}
            >
              <Card size="small" hoverable style={{ borderInlineStart: `3px solid ${SLA_COLOURS_HEX[colour]}` }}>
                <Flex align="center" gap={10}>
                  <SlaDot colour={colour} size={12} />
                  <Typography.Text type="secondary">{t(`home.sla.${colour}`)}</Typography.Text>
                  <Typography.Text
                    strong
                    style={{ fontSize: 22, marginInlineStart: 'auto', color: colour === 'red' && counts.red > 0 ? ALERT : undefined }}
                    data-testid={`home-sla-${colour}-value`}
                  >
                    {counts[colour]}
                  </Typography.Text>
                </Flex>
              </Card>
            </Link>
          ))}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('home.slaLegend')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** A small coloured tag. */
export function StatusTag({ color, children }: { color?: string; children: ReactNode }) {
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {children}
    </Tag>
  );
}
