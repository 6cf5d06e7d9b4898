// Demo projects reproducing the seed's S3 figures exactly: this year 104 industrial projects ≥ 10 M yuan,
// 55 of them ≥ 100 M with 1.158 bn yuan (115 800 万) planned this year = 66.48 % of the year's planned total
// (174 188 万; 115 800 / 174 188 = 66.479… %). Owners are the registry demo's enterprises (and a few new
// investors), parks are the seed's. Deterministic, relative to the load time, so signals stay alive.
import { randomUUID } from 'node:crypto';
import type { ProjectIndustry, ProjectStage } from '@tiantai/shared';
import { seededRandom } from '../../lib/random';
import { chinaDate } from './china-date';
import * as repo from './projects.repository';
import type { ProjectDb } from './projects.repository';

/** The seed's figures: planned this year by the ≥ 100 M projects, and by the year's whole list. */
export const DEMO_PLANNED_GE100M_WAN = 115_800;
export const DEMO_PLANNED_TOTAL_WAN = 174_188;

const PRODUCTS: Record<ProjectIndustry, string[]> = {
  auto_parts: ['新能源汽车热管理系统', '汽车热交换器扩产', '汽车空调管路', '商用车冷却模块', '汽车轻量化零部件', '新能源电池冷板'],
  biomedicine: ['原料药绿色生产基地', '高端制剂', '创新药中试基地', '医药中间体技改', '生物医药研发中心'],
  rubber_plastics: ['智能传动带', '高性能输送带', '橡胶制品数字化车间', '特种塑料制品', '汽车橡胶密封件'],
  equipment: ['智能装备制造基地', '轨道交通装备', '数控机床', '高端液压件', '工业机器人集成', '精密模具'],
  new_materials: ['高性能过滤材料', '新型功能膜材料', '碳纤维复合材料', '环保过滤袋', '高分子新材料'],
  digital: ['工业互联网平台', '智能制造软件', '5G+工业应用', '数据中心'],
  green: ['固废资源化利用', '分布式光伏发电', '污水处理提标', '节能环保设备'],
  aviation: ['通用航空器整机制造', '航空零部件', '航空维修培训基地'],
  other: ['智能化包装生产线', '纸箱包装技改', '仓储物流中心'],
};
const SUFFIXES = ['项目', '扩建项目', '技改项目', '二期项目', '产业化项目', '建设项目'];
const NEW_INVESTORS: Array<[string, ProjectIndustry]> = [
  ['浙江天成航空科技有限公司', 'aviation'],
  ['台州中德交通装备有限公司', 'equipment'],
  ['浙江华顶新材料科技有限公司', 'new_materials'],
  ['上海联创汽车零部件有限公司', 'auto_parts'],
  ['杭州数智工业科技有限公司', 'digital'],
  ['宁波绿源环境科技有限公司', 'green'],
  ['江苏恒润生物医药有限公司', 'biomedicine'],
  ['浙江橡科智能传动有限公司', 'rubber_plastics'],
];
const DEPARTMENTS = ['经信局', '发改局', '投促中心', '苍山管委会', '开发区管委会', '住建局', '自然资源局'];
const PEOPLE = ['陈立新', '王海燕', '张伟', '许建平', '金晓明', '林慧', '庞国华', '范志刚'];
const TERMINATION_REASONS = ['投资方资金链断裂，经协商终止', '项目用地规划调整，投资方撤回'];

function industryOf(code: string | null): ProjectIndustry {
  if (!code) return 'other';
  if (code.startsWith('C36')) return 'auto_parts';
  if (code.startsWith('C27')) return 'biomedicine';
  if (code.startsWith('C29')) return 'rubber_plastics';
  if (/^C3[3-5]|^C37|^C38/.test(code)) return 'equipment';
  if (/^C17|^C26/.test(code)) return 'new_materials';
  if (/^I6|^C39/.test(code)) return 'digital';
  return 'other';
}

const shortName = (name: string) =>
  name
    .replace(/(股份)?有限公司.*$/, '')
    .replace(/^(浙江|台州|天台县|天台)/, '')
    .replace(/^(浙江|台州)/, '');

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** Splits `sum` into integer parts proportional to `weights`, each at most `caps[i]`, exactly summing to `sum`. */
function split(sum: number, weights: number[], caps: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const parts = weights.map((w, i) => Math.min(caps[i]!, Math.round((sum * w) / total)));
  let rest = sum - parts.reduce((s, p) => s + p, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % parts.length) {
    const step = rest > 0 ? Math.min(rest, caps[i]! - parts[i]!) : Math.max(rest, 1 - parts[i]!);
    parts[i]! += step;
    rest -= step;
  }
  return parts;
}

interface Plan {
  name: string;
  enterpriseId: string | null;
  investorName: string | null;
  parkId: string | null;
  industry: ProjectIndustry;
  stage: ProjectStage;
  totalWan: number;
  plannedWan: number | null;
  signedInYear: boolean;
  department: string;
  late?: 'yellow' | 'red';
  terminatedReason?: string;
}

export async function loadProjectDemo(
  db: ProjectDb,
  registry: { enterpriseIds: Record<string, string>; departmentIds: Record<string, string> },
  now: Date,
): Promise<void> {
  const random = seededRandom(20211014 + 3);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));

  const enterprises = await db
    .selectFrom('enterprises')
    .innerJoin('organisations', 'organisations.id', 'enterprises.id')
    .select(['enterprises.id', 'organisations.name', 'enterprises.industry_code', 'enterprises.park_id'])
    .orderBy('organisations.name')
    .execute();
  const parks = await db.selectFrom('parks').select(['id', 'name']).orderBy('created_at').execute();
  const parkByName = new Map(parks.map((p) => [p.name, p.id]));
  const yinlun = enterprises.find((e) => e.id === registry.enterpriseIds.yinlun)!;
  const shanhe = enterprises.find((e) => e.id === registry.enterpriseIds.shanhe)!;
  const others = enterprises.filter((e) => e !== yinlun && e !== shanhe && e.industry_code?.startsWith('C'));

  const used = new Set<string>();
  const nameFor = (owner: string, industry: ProjectIndustry) => {
    for (let attempt = 0; ; attempt++) {
      const name = `${owner}${pick(PRODUCTS[industry])}${pick(SUFFIXES)}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
      if (attempt > 20) {
        const numbered = `${name.replace(/项目$/, '')}（${attempt}）项目`;
        used.add(numbered);
        return numbered;
      }
    }
  };
  const fromEnterprise = (e: (typeof enterprises)[number]) => {
    const industry = industryOf(e.industry_code);
    return {
      name: nameFor(shortName(e.name), industry),
      enterpriseId: e.id,
      investorName: null,
      parkId: e.park_id ?? pick(parks).id,
      industry,
    };
  };
  let investorIndex = 0;
  const fromNewInvestor = () => {
    const [investor, industry] = NEW_INVESTORS[investorIndex++ % NEW_INVESTORS.length]!;
    const parkId = industry === 'aviation' ? parkByName.get('天成航空产业园')! : pick(parks.slice(0, 3)).id;
    return { name: nameFor(shortName(investor), industry), enterpriseId: null, investorName: investor, parkId, industry };
  };

  // The year's list: 3 projects ≥ 1 bn, 52 of 100 M – 1 bn, 49 of 10 M – 100 M.
  const plans: Plan[] = [];
  const bigTotals = [150_000, 120_000, 105_000, ...Array.from({ length: 52 }, () => 10_000 + Math.round(random() * 60) * 1_000)];
  const smallTotals = Array.from({ length: 49 }, () => 1_000 + Math.round(random() * 85) * 100);
  const stageFor = (i: number): ProjectStage => {
    const r = random();
    if (i < 2) return 'started';
    return r < 0.06 ? 'signed' : r < 0.14 ? 'landed' : r < 0.7 ? 'started' : r < 0.94 ? 'producing' : 'at_capacity';
  };
  for (const [i, totalWan] of bigTotals.entries()) {
    const owner =
      i === 0
        ? { ...fromEnterprise(yinlun), name: '银轮机械新能源汽车热管理系统产业化项目' }
        : i === 3
          ? { ...fromEnterprise(yinlun), name: '银轮机械商用车冷却模块扩产项目' }
          : i === 1
            ? fromNewInvestor()
            : random() < 0.25
              ? fromNewInvestor()
              : fromEnterprise(pick(others));
    used.add(owner.name);
    plans.push({
      ...owner,
      stage: i === 3 ? 'landed' : stageFor(i),
      totalWan,
      plannedWan: 0,
      signedInYear: i <= 1 || (i >= 3 && i <= 6),
      department: i === 3 ? '住建局' : pick(DEPARTMENTS),
    });
  }
  for (const [i, totalWan] of smallTotals.entries()) {
    const owner =
      i === 0
        ? { ...fromEnterprise(shanhe), name: '山河包装箱智能化包装生产线技改项目' }
        : random() < 0.15
          ? fromNewInvestor()
          : fromEnterprise(pick(others));
    used.add(owner.name);
    plans.push({
      ...owner,
      stage: i === 0 ? 'started' : stageFor(i + 2),
      totalWan,
      plannedWan: 0,
      signedInYear: false,
      department: pick(DEPARTMENTS),
    });
  }
  const big = plans.slice(0, 55);
  const small = plans.slice(55);
  const bigPlanned = split(
    DEMO_PLANNED_GE100M_WAN,
    big.map((p) => p.totalWan ** 0.6 * (0.6 + random())),
    big.map((p) => Math.floor(p.totalWan * 0.6)),
  );
  const smallPlanned = split(
    DEMO_PLANNED_TOTAL_WAN - DEMO_PLANNED_GE100M_WAN,
    small.map((p) => p.totalWan * (0.5 + random())),
    small.map((p) => Math.floor(p.totalWan * 0.8)),
  );
  big.forEach((p, i) => (p.plannedWan = bigPlanned[i]!));
  small.forEach((p, i) => (p.plannedWan = smallPlanned[i]!));
  // A few late milestones: yellow (behind by days) and red (overdue by over a month).
  for (const [i, p] of plans.entries()) {
    if (p.stage === 'at_capacity') continue;
    if (i % 13 === 5) p.late = 'yellow';
    else if (i % 17 === 8) p.late = 'red';
  }

  // Outside the year's figures: negotiations without a plan yet, and two terminated projects.
  for (let i = 0; i < 6; i++) {
    const owner = i % 2 === 0 ? fromNewInvestor() : fromEnterprise(pick(others));
    plans.push({
      ...owner,
      stage: 'negotiating',
      totalWan: 5_000 + Math.round(random() * 40) * 5_000,
      plannedWan: null,
      signedInYear: false,
      department: '投促中心',
    });
  }
  for (const reason of TERMINATION_REASONS) {
    const owner = fromNewInvestor();
    plans.push({
      ...owner,
      stage: 'terminated',
      totalWan: 20_000,
      plannedWan: 3_000,
      signedInYear: false,
      department: '投促中心',
      terminatedReason: reason,
    });
  }

  const createdAt = now.toISOString();
  const yearStart = `${year}-01-01`;
  const investmentRows: Array<{ project_id: string; month: string; amount_wan: number; updated_at: string }> = [];
  for (const p of plans) {
    const id = randomUUID();
    const order = ['negotiating', 'signed', 'landed', 'started', 'producing', 'at_capacity'] as const;
    const reached = p.stage === 'terminated' ? 2 : order.indexOf(p.stage as (typeof order)[number]);
    // Stage dates, going back from today: signed this year or one to two years ago.
    const signedOn = p.signedInYear
      ? addDays(yearStart, Math.floor(random() * Math.max(1, Math.min(120, (Date.parse(today) - Date.parse(yearStart)) / 86_400_000))))
      : addDays(yearStart, -60 - Math.floor(random() * 600));
    const landedOn = minDate(today, addDays(signedOn, 30 + Math.floor(random() * 60)));
    const startedOn = minDate(today, addDays(landedOn, 30 + Math.floor(random() * 90)));
    const producingOn = minDate(today, addDays(startedOn, 240 + Math.floor(random() * 200)));
    const capacityOn = minDate(today, addDays(producingOn, 120 + Math.floor(random() * 120)));
    const stageDates = [signedOn, signedOn, landedOn, startedOn, producingOn, capacityOn];
    const landMu = Math.max(5, Math.round(p.totalWan / (120 + random() * 80)));
    const promisedOutput = 300 + Math.round(random() * 40) * 10;
    const promisedTax = 20 + Math.round(random() * 20);
    const producing = p.stage === 'producing' || p.stage === 'at_capacity';
    await repo.insertProject(db, {
      id,
      name: p.name,
      enterprise_id: p.enterpriseId,
      investor_name: p.investorName,
      park_id: p.parkId,
      industry: p.industry,
      stage: p.stage,
      terminated_reason: p.terminatedReason ?? null,
      total_investment_wan: p.totalWan,
      land_mu: landMu,
      promised_output_per_mu_wan: promisedOutput,
      promised_tax_per_mu_wan: promisedTax,
      actual_output_wan: producing ? Math.round(landMu * promisedOutput * (0.7 + random() * 0.5)) : null,
      actual_tax_wan: producing ? Math.round(landMu * promisedTax * (0.7 + random() * 0.5)) : null,
      jobs: Math.round(p.totalWan / 100 + random() * 50),
      responsible_department_id: registry.departmentIds[p.department] ?? null,
      responsible_person: pick(PEOPLE),
      description: null,
      signed_on: reached >= 1 ? signedOn : null,
      started_on: reached >= 3 ? startedOn : null,
      producing_on: reached >= 4 ? producingOn : null,
      created_at: createdAt,
      updated_at: createdAt,
    });
    await repo.insertStageEvent(db, {
      id: randomUUID(),
      project_id: id,
      from_stage: null,
      to_stage: 'negotiating',
      on_date: addDays(signedOn, -90),
      reason: null,
      actor_name: 'admin',
      at: createdAt,
    });
    for (let s = 1; s <= reached; s++) {
      await repo.insertStageEvent(db, {
        id: randomUUID(),
        project_id: id,
        from_stage: order[s - 1]!,
        to_stage: order[s]!,
        on_date: stageDates[s]!,
        reason: null,
        actor_name: 'admin',
        at: createdAt,
      });
    }
    if (p.stage === 'terminated') {
      await repo.insertStageEvent(db, {
        id: randomUUID(),
        project_id: id,
        from_stage: 'landed',
        to_stage: 'terminated',
        on_date: minDate(today, addDays(landedOn, 40)),
        reason: p.terminatedReason ?? null,
        actor_name: 'admin',
        at: createdAt,
      });
    }

    // Milestones 签约 / 供地 / 开工 / 投产 / 达产: reached ones carry their actual date, the rest a plan ahead.
    const names = ['签约', '供地', '开工', '投产', '达产'];
    for (const [k, name] of names.entries()) {
      const s = k + 1;
      const isReached = s <= reached && p.stage !== 'terminated';
      let planned = addDays(stageDates[s]!, isReached ? -Math.floor(random() * 15) : 0);
      if (!isReached) planned = addDays(today, 20 + k * 90 + Math.floor(random() * 60));
      if (!isReached && s === reached + 1 && p.late)
        planned = addDays(today, p.late === 'yellow' ? -(3 + Math.floor(random() * 20)) : -(40 + Math.floor(random() * 60)));
      await repo.insertMilestone(db, {
        id: randomUUID(),
        project_id: id,
        name,
        planned_date: planned,
        actual_date: isReached ? stageDates[s]! : null,
        sort: s,
      });
    }

    if (p.plannedWan !== null) {
      await repo.upsertPlan(db, id, year, p.plannedWan);
      // Investment this year, month by month; most keep pace with 序时进度, about a quarter fall behind.
      const invests = reached >= 2 && p.stage !== 'terminated';
      if (invests) {
        const pace = random() < 0.25 ? 0.45 + random() * 0.3 : 0.86 + random() * 0.2;
        const target = p.plannedWan * pace * (month / 12);
        // A few started projects stall: nothing recorded in the last three months.
        const stalled = p.stage === 'started' && plans.indexOf(p) % 19 === 11 && month > 4;
        const weights = Array.from({ length: month }, (_, m) =>
          stalled && m >= month - 3 ? 0 : m === month - 1 ? 0.4 : 0.7 + random() * 0.6,
        );
        const wsum = weights.reduce((a, b) => a + b, 0);
        for (let m = 1; m <= month; m++) {
          const amount = Math.round((target * weights[m - 1]!) / wsum);
          if (amount > 0)
            investmentRows.push({
              project_id: id,
              month: `${year}-${String(m).padStart(2, '0')}`,
              amount_wan: amount,
              updated_at: createdAt,
            });
        }
      }
    }
  }
  for (let i = 0; i < investmentRows.length; i += 200)
    await db
      .insertInto('project_investments')
      .values(investmentRows.slice(i, i + 200))
      .execute();
}
