// The county admin's and county leaders' home: the county's key figures, each linking to the page behind it.
import { Flex } from 'antd';
import {
  AimOutlined,
  AlertOutlined,
  BankOutlined,
  ClusterOutlined,
  CommentOutlined,
  FundProjectionScreenOutlined,
  ProjectOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import type { CountyHomeView } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';
import { formatMoneyPair } from '@/lib/money';
import { ALERT, FigureRow, SlaQueueCard } from './home-parts';

const percent = (ratio: number | null) => (ratio === null ? '—' : `${Math.round(ratio * 1000) / 10}%`);

export function CountyHome({ home }: { home: CountyHomeView }) {
  const { t, locale } = useI18n();
  const { enterprises, requests, projects, machines, targets } = home;
  // What the year's projects have invested against their plan, both in one unit (万元 or 亿元).
  const [completed, planned] = formatMoneyPair(projects.completedYearWan, projects.plannedYearWan, locale);
  return (
    <Flex vertical gap={16}>
      <FigureRow
        cards={[
          {
            testId: 'home-enterprises',
            title: t('home.enterprises'),
            value: enterprises.total,
            to: '/enterprises',
            icon: <ShopOutlined />,
            accent: '#1554ad',
            hint: t('home.county.aboveScale', { count: enterprises.aboveScale }),
          },
          {
            testId: 'home-machines',
            title: t('home.county.machinesOnline'),
            value: machines.online,
            suffix: `/ ${machines.total}`,
            to: '/screens/county',
            icon: <FundProjectionScreenOutlined />,
            accent: '#13a8a8',
            hint: t('home.county.machinesHint', { rate: percent(machines.total === 0 ? null : machines.online / machines.total) }),
          },
          {
            testId: 'home-projects',
            title: t('home.county.projects', { year: home.year }),
            value: projects.count,
            to: '/projects/statistics',
            icon: <ProjectOutlined />,
            accent: '#7b4fd6',
            hint: t('home.county.projectsPlanHint', {
              completed,
              planned,
              share: percent(projects.plannedYearWan > 0 ? projects.completedYearWan / projects.plannedYearWan : null),
            }),
          },
          {
            testId: 'home-projects-red',
            title: t('home.county.projectsRed'),
            value: projects.red,
            to: '/projects?signal=red',
            icon: <AlertOutlined />,
            accent: ALERT,
            alert: true,
            hint: t('home.county.projectsRedHint'),
          },
          {
            testId: 'home-requests',
            title: t('home.county.requests', { year: home.year }),
            value: requests.received,
            to: '/requests/statistics',
            icon: <CommentOutlined />,
            accent: '#1554ad',
            hint: t('home.county.requestsHint', { closed: requests.closed, onTime: percent(requests.onTimeRate) }),
          },
          { testId: 'home-parks', title: t('home.parks'), value: home.parks, to: '/parks', icon: <BankOutlined />, accent: '#d48806' },
          {
            testId: 'home-targets',
            title: t('home.county.targetsBehind'),
            value: targets.behind,
            suffix: `/ ${targets.indicators}`,
            to: '/targets',
            icon: <AimOutlined />,
            accent: '#d48806',
            hint: t('home.county.targetsHint'),
          },
          {
            testId: 'home-tasks',
            title: t('home.county.tasksBehind'),
            value: targets.tasksBehind + targets.tasksOverdue,
            to: '/targets/tasks',
            icon: <ClusterOutlined />,
            accent: '#7b4fd6',
            alert: targets.tasksOverdue > 0,
            hint: t('home.county.tasksHint', { behind: targets.tasksBehind, overdue: targets.tasksOverdue }),
          },
        ]}
      />
      <SlaQueueCard counts={requests} title="home.county.queue" />
    </Flex>
  );
}
