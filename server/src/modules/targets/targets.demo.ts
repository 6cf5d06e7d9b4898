// The seed's 2025 targets (S4): above-scale industrial output > 400亿, industrial added value 160亿,
// industrial investment > 30亿, the digital economy doubled — from 2020's figures, with the yearly roadmap,
// actuals through today's finished months, and tasks for the departments. Deterministic, relative to now.
import { randomUUID } from 'node:crypto';
import { chinaDate } from '../projects';
import * as repo from './targets.repository';
import type { TargetDb } from './targets.repository';

const BASE_YEAR = 2020;
const TARGET_YEAR = 2025;

const INDICATORS = [
  {
    code: 'above_scale_output',
    zh: '规上工业总产值',
    en: 'Above-scale industrial output',
    base: 268,
    target: 400,
    note: '突破400亿元',
    actuals: [297, 318, 342, 371, 403],
    drill: ['enterprises', { aboveScale: true }] as const,
    tasks: [
      ['推进“小升规”企业培育，新增规上企业30家', '经信局'],
      ['实施“百项千万”工业技改攻坚', '经信局'],
      ['重点企业“一企一策”上门服务', '直通办'],
    ],
  },
  {
    code: 'industrial_added_value',
    zh: '工业增加值',
    en: 'Industrial added value',
    base: 98,
    target: 160,
    note: '达到160亿元',
    actuals: [108, 117, 129, 141, 155],
    drill: ['enterprises', { aboveScale: true }] as const,
    tasks: [
      ['汽车零部件产业链延链补链', '发改局'],
      ['培育“专精特新”中小企业', '科技局'],
      ['深化亩均效益综合评价改革', '统计局'],
    ],
  },
  {
    code: 'industrial_investment',
    zh: '工业投资',
    en: 'Industrial investment',
    base: 18.6,
    target: 30,
    note: '突破30亿元',
    actuals: [21.3, 23.9, 25.8, 28.1, 30.6],
    drill: ['projects', null] as const,
    tasks: [
      ['重大工业项目“开工一批、投产一批”', '投促中心'],
      ['苍山产业集聚区工业用地供地保障', '自然资源局'],
      ['工业项目施工许可与竣工验收提速', '住建局'],
    ],
  },
  {
    code: 'digital_economy',
    zh: '数字经济核心产业增加值',
    en: 'Digital economy core industries, added value',
    base: 21.5,
    target: 43,
    note: '翻一番',
    actuals: [24.3, 27.9, 31.6, 36.2, 41.8],
    drill: ['enterprises', { industryPrefixes: ['I6', 'C39'] }] as const,
    tasks: [
      ['推进企业上云和工业互联网平台应用', '大数据中心'],
      ['建设数字经济产业园', '住建局'],
      ['培育“未来工厂”和数字化车间', '经信局'],
    ],
  },
];

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function loadTargetDemo(db: TargetDb, departmentIds: Record<string, string>, now: Date): Promise<void> {
  const today = chinaDate(now);
  const thisYear = Number(today.slice(0, 4));
  const finished = Number(today.slice(5, 7)) - 1;
  const createdAt = now.toISOString();
  const lastYear = Math.max(TARGET_YEAR, thisYear);

  for (const [sort, ind] of INDICATORS.entries()) {
    const id = randomUUID();
    await repo.insertIndicator(db, {
      id,
      code: ind.code,
      name_zh: ind.zh,
      name_en: ind.en,
      unit: '亿元',
      base_year: BASE_YEAR,
      base_value: ind.base,
      target_year: TARGET_YEAR,
      target_value: ind.target,
      target_note: ind.note,
      drill_kind: ind.drill[0],
      drill_filter: ind.drill[1] ? JSON.stringify(ind.drill[1]) : null,
      sort,
      created_at: createdAt,
    });
    await repo.upsertIndicatorYear(db, { indicator_id: id, year: BASE_YEAR, actual_value: ind.base }, createdAt);
    const step = (ind.target / ind.base) ** (1 / (TARGET_YEAR - BASE_YEAR));
    for (let year = BASE_YEAR + 1; year <= lastYear; year++) {
      // The roadmap: the geometric path to the target, then 7 % a year beyond it.
      const target = year <= TARGET_YEAR ? ind.base * step ** (year - BASE_YEAR) : ind.target * 1.07 ** (year - TARGET_YEAR);
      const full = year <= TARGET_YEAR ? ind.actuals[year - BASE_YEAR - 1]! : ind.actuals.at(-1)! * 1.065 ** (year - TARGET_YEAR);
      let actual: number | null = null;
      let through: string | null = null;
      if (year < thisYear) actual = full;
      else if (year === thisYear && finished > 0) {
        actual = ((full * finished) / 12) * (sort === 2 ? 0.96 : 1.02); // industrial investment runs behind this year
        through = `${year}-${String(finished).padStart(2, '0')}`;
      }
      await repo.upsertIndicatorYear(
        db,
        {
          indicator_id: id,
          year,
          target_value: round1(target),
          actual_value: actual === null ? null : round1(actual),
          actual_through: through,
        },
        createdAt,
      );
    }

    // Tasks: the target year's (finished) and this year's (in progress against 序时进度).
    for (const year of [...new Set([TARGET_YEAR, thisYear])]) {
      for (const [k, task] of ind.tasks.entries()) {
        const [title, dept] = task as [string, string];
        const deadline = [`${year}-06-30`, `${year}-09-30`, `${year}-12-31`][k]!;
        const taskId = randomUUID();
        const start = `${year}-01-01`;
        const past = deadline < today;
        const progress = past ? (sort === 3 && k === 0 && year === thisYear ? 85 : 100) : [60, 70, 95][(sort + k) % 3]!;
        await repo.insertTask(db, {
          id: taskId,
          indicator_id: id,
          year,
          title,
          department_id: departmentIds[dept]!,
          start_date: start,
          deadline,
          progress: year > thisYear ? 0 : progress,
          last_report_at: null,
          created_at: createdAt,
        });
        if (year > thisYear || start > today) continue;
        const steps = progress >= 100 ? [40, 75, 100] : [Math.round(progress / 2), progress];
        let lastAt: string | null = null;
        for (const [r, value] of steps.entries()) {
          const day = new Date(
            Date.parse(`${start}T02:00:00Z`) +
              ((r + 1) / steps.length) * (Math.min(Date.parse(`${deadline}T02:00:00Z`), now.getTime()) - Date.parse(`${start}T02:00:00Z`)),
          );
          lastAt = day.toISOString();
          await repo.insertReport(db, {
            id: randomUUID(),
            task_id: taskId,
            at: lastAt,
            progress: value,
            note: value >= 100 ? '任务已完成，资料已归档' : `完成阶段性工作，进度${value}%`,
            actor_user_id: null,
            actor_name: dept,
          });
        }
        await repo.updateTask(db, taskId, { last_report_at: lastAt });
      }
    }
  }
}
