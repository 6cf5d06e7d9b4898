// Demo register from the seed (Tiantai county, Zhejiang): its parks, its departments and enterprises, and
// enough plausible local firms to make ~120. Deterministic, so every fresh install shows the same county.
import { creditCodeCheckCharacter } from '@tiantai/shared';
import { seededRandom } from '../../lib/random';
import { createOrganisation } from '../identity';
import * as repo from './registry.repository';
import type { RegistryServiceDb } from './registry.service';
import type { DepartmentsTable } from './registry.tables';

const TOWNSHIPS = [
  '赤城街道',
  '始丰街道',
  '福溪街道',
  '平桥镇',
  '坦头镇',
  '三合镇',
  '洪畴镇',
  '白鹤镇',
  '石梁镇',
  '街头镇',
  '龙溪乡',
  '雷峰乡',
  '南屏乡',
  '泳溪乡',
  '三州乡',
];

const PARKS = [
  {
    key: 'cangshan',
    name: '苍山产业集聚区',
    kind: 'park',
    towns: ['坦头镇', '三合镇'],
    area: 10,
    investWan: 730_000,
    description: '省级“万亩千亿”新产业平台，规划面积约10平方公里，总投资73亿元',
  },
  {
    key: 'sino-german',
    name: '中德现代交通科技产业园',
    kind: 'park',
    towns: ['福溪街道'],
    area: 3.2,
    investWan: 200_000,
    description: '汽车零部件与现代交通装备',
  },
  {
    key: 'rubber',
    name: '智能橡胶产业园',
    kind: 'park',
    towns: ['三合镇'],
    area: 1.5,
    investWan: 120_000,
    description: '橡胶传动带、输送带与新材料',
  },
  {
    key: 'aviation',
    name: '天成航空产业园',
    kind: 'park',
    towns: ['平桥镇'],
    area: 1.2,
    investWan: 150_000,
    description: '通用航空制造与运营',
  },
  {
    key: 'digital',
    name: '数字经济产业园',
    kind: 'zone',
    towns: ['赤城街道'],
    area: 0.4,
    investWan: 50_000,
    description: '总部经济楼宇与软件信息服务',
  },
] as const;

type ParkKey = (typeof PARKS)[number]['key'];

const DEPARTMENTS: Array<[name: string, short: string, kind: DepartmentsTable['kind']]> = [
  ['县企业直通服务办公室', '直通办', 'office'],
  ['县发展和改革局', '发改局', 'bureau'],
  ['县经济和信息化局', '经信局', 'bureau'],
  ['县科学技术局', '科技局', 'bureau'],
  ['县教育局', '教育局', 'bureau'],
  ['县公安局', '公安局', 'bureau'],
  ['县民政局', '民政局', 'bureau'],
  ['县司法局', '司法局', 'bureau'],
  ['县财政局', '财政局', 'bureau'],
  ['县人力资源和社会保障局', '人社局', 'bureau'],
  ['县自然资源和规划局', '自然资源局', 'bureau'],
  ['台州市生态环境局天台分局', '环保分局', 'bureau'],
  ['县住房和城乡建设局', '住建局', 'bureau'],
  ['县房产管理服务中心', '房管中心', 'centre'],
  ['县交通运输局', '交通局', 'bureau'],
  ['县水利局', '水利局', 'bureau'],
  ['县农业农村局', '农业农村局', 'bureau'],
  ['县商务局', '商务局', 'bureau'],
  ['县文化和广电旅游体育局', '文广旅体局', 'bureau'],
  ['县卫生健康局', '卫健局', 'bureau'],
  ['县退役军人事务局', '退役军人局', 'bureau'],
  ['县应急管理局', '应急局', 'bureau'],
  ['县审计局', '审计局', 'bureau'],
  ['县市场监督管理局', '市场监管局', 'bureau'],
  ['县统计局', '统计局', 'bureau'],
  ['县医疗保障局', '医保局', 'bureau'],
  ['县综合行政执法局', '综合执法局', 'bureau'],
  ['县信访局', '信访局', 'bureau'],
  ['县大数据发展中心', '大数据中心', 'centre'],
  ['县行政服务中心', '行政服务中心', 'centre'],
  ['县投资促进中心', '投促中心', 'centre'],
  ['县金融工作服务中心', '金融中心', 'centre'],
  ['县住房公积金管理中心', '公积金中心', 'centre'],
  ['县人才工作领导小组办公室', '人才办', 'office'],
  ['国家税务总局天台县税务局', '税务局', 'bureau'],
  ['中国人民银行天台县支行', '人行支行', 'other'],
  ['县气象局', '气象局', 'bureau'],
  ['县消防救援大队', '消防大队', 'other'],
  ['县总工会', '总工会', 'other'],
  ['县工商业联合会', '工商联', 'other'],
  ['县科学技术协会', '科协', 'other'],
  ['国网天台县供电公司', '供电公司', 'utility'],
  ['天台县水务集团有限公司', '水务集团', 'utility'],
  ['天台县燃气有限公司', '燃气公司', 'utility'],
  ['中国电信天台分公司', '电信', 'utility'],
  ['中国移动天台分公司', '移动', 'utility'],
  ['中国联通天台分公司', '联通', 'utility'],
  ['苍山产业集聚区管理委员会', '苍山管委会', 'office'],
  ['天台经济开发区管理委员会', '开发区管委会', 'office'],
  ...TOWNSHIPS.map((t): [string, string, DepartmentsTable['kind']] => [
    `${t}人民政府`.replace('街道人民政府', '街道办事处'),
    t,
    'township',
  ]),
];

/** The seed's own enterprises first; `shanhe` filed the termite-control need of June 2021. */
const SEED_ENTERPRISES: Array<{
  key?: string;
  name: string;
  industry: string;
  park: ParkKey | null;
  township: string;
  aboveScale: boolean;
}> = [
  { key: 'yinlun', name: '银轮机械股份有限公司', industry: 'C3670', park: 'sino-german', township: '福溪街道', aboveScale: true },
  { name: '台州银轮信息科技有限公司', industry: 'I6513', park: 'digital', township: '赤城街道', aboveScale: false },
  { name: '浙江天台药业股份有限公司', industry: 'C2710', park: null, township: '始丰街道', aboveScale: true },
  { name: '浙江三力士智能传动科技有限公司', industry: 'C2913', park: 'rubber', township: '三合镇', aboveScale: true },
  { name: '祥和实业股份有限公司', industry: 'C3716', park: 'cangshan', township: '坦头镇', aboveScale: true },
  { name: '浙江奥锐特药业股份有限公司', industry: 'C2710', park: 'cangshan', township: '坦头镇', aboveScale: true },
  { name: '浙江严牌过滤技术股份有限公司', industry: 'C1789', park: 'cangshan', township: '三合镇', aboveScale: true },
  { name: '浙江双箭橡胶股份有限公司天台分公司', industry: 'C2913', park: 'rubber', township: '三合镇', aboveScale: true },
  { key: 'shanhe', name: '台州山河包装箱有限公司', industry: 'C2231', park: null, township: '平桥镇', aboveScale: false },
];

const NAME_HEADS = ['天台', '台州', '浙江', '天台县'];
const NAME_WORDS = [
  '恒力',
  '金鑫',
  '华宇',
  '中亿',
  '振兴',
  '宏达',
  '鼎盛',
  '永安',
  '精工',
  '瑞丰',
  '天宏',
  '博远',
  '明泰',
  '赤城',
  '始丰',
  '国清',
  '华顶',
  '琼台',
  '寒山',
  '和合',
  '万隆',
  '众诚',
  '信达',
  '立新',
  '新亚',
  '东升',
  '远景',
  '佳禾',
  '康宁',
  '安泰',
];
const NAME_TRADES: Array<[suffix: string, industry: string]> = [
  ['汽车零部件有限公司', 'C3670'],
  ['橡胶制品有限公司', 'C2919'],
  ['机械制造有限公司', 'C3489'],
  ['过滤材料有限公司', 'C1789'],
  ['医药化工有限公司', 'C2710'],
  ['塑业有限公司', 'C2929'],
  ['模具有限公司', 'C3525'],
  ['五金制品有限公司', 'C3399'],
  ['新材料科技有限公司', 'C2653'],
  ['电器有限公司', 'C3819'],
  ['包装材料有限公司', 'C2231'],
  ['环保科技有限公司', 'C3591'],
  ['轨道交通装备有限公司', 'C3716'],
  ['传动科技有限公司', 'C3453'],
];
const SURNAMES = ['陈', '王', '张', '李', '许', '金', '林', '徐', '杨', '周', '赵', '吴', '庞', '范', '齐'];
const GIVEN = ['建国', '海波', '丽华', '伟民', '晓东', '静', '志强', '永明', '秀英', '立军', '佳', '国庆'];

const CODE_SYMBOLS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 91 (enterprise, company) + 331023 (Tiantai county) + a 9-symbol organisation code + check character. */
function creditCode(random: () => number): string {
  let orgCode = '';
  for (let i = 0; i < 8; i++) orgCode += CODE_SYMBOLS[Math.floor(random() * 10)];
  orgCode += CODE_SYMBOLS[Math.floor(random() * CODE_SYMBOLS.length)];
  const first17 = `91331023${orgCode}`;
  return first17 + creditCodeCheckCharacter(first17);
}

export interface RegistryDemo {
  enterpriseIds: Record<string, string>;
  departmentIds: Record<string, string>;
}

export async function loadRegistryDemo(db: RegistryServiceDb, now: string): Promise<RegistryDemo> {
  const parkIds = new Map<ParkKey, string>();
  for (const [i, park] of PARKS.entries()) {
    const id = crypto.randomUUID();
    parkIds.set(park.key, id);
    // created_at steps keep the seed's order in lists sorted by creation
    const created = new Date(Date.parse(now) + i).toISOString();
    await repo.insertPark(db, {
      id,
      name: park.name,
      kind: park.kind,
      towns: JSON.stringify(park.towns),
      area_km2: park.area,
      planned_investment_wan: park.investWan,
      description: park.description,
      created_at: created,
      updated_at: created,
    });
  }

  const random = seededRandom(20211014);
  const person = () => `${SURNAMES[Math.floor(random() * SURNAMES.length)]}${GIVEN[Math.floor(random() * GIVEN.length)]}`;
  const phone = () => `0576-83${String(Math.floor(random() * 1e6)).padStart(6, '0')}`;

  const departmentIds: Record<string, string> = {};
  for (const [i, [name, short, kind]] of DEPARTMENTS.entries()) {
    const id = await createOrganisation(db, 'department', name);
    departmentIds[short] = id;
    const created = new Date(Date.parse(now) + i).toISOString();
    await repo.insertDepartment(db, {
      id,
      short_name: short,
      kind,
      accepts_requests: 1,
      contact_name: person(),
      contact_phone: phone(),
      created_at: created,
      updated_at: created,
    });
  }

  const enterprises = [...SEED_ENTERPRISES];
  const usedNames = new Set(enterprises.map((e) => e.name));
  const parkKeys = PARKS.map((p) => p.key);
  while (enterprises.length < 120) {
    const [trade, industry] = NAME_TRADES[Math.floor(random() * NAME_TRADES.length)]!;
    const name = `${NAME_HEADS[Math.floor(random() * NAME_HEADS.length)]}${NAME_WORDS[Math.floor(random() * NAME_WORDS.length)]}${trade}`;
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    const inPark = random() < 0.55;
    const park = inPark ? parkKeys[Math.floor(random() * (parkKeys.length - 1))]! : null;
    const parkTowns = park ? PARKS.find((p) => p.key === park)!.towns : TOWNSHIPS;
    enterprises.push({ name, industry, park, township: parkTowns[Math.floor(random() * parkTowns.length)]!, aboveScale: random() < 0.6 });
  }

  const enterpriseIds: Record<string, string> = {};
  for (const e of enterprises) {
    const id = await createOrganisation(db, 'enterprise', e.name);
    if (e.key) enterpriseIds[e.key] = id;
    await repo.insertEnterprise(db, {
      id,
      credit_code: creditCode(random),
      credit_code_valid: 1,
      industry_code: e.industry,
      above_scale: e.aboveScale ? 1 : 0,
      park_id: e.park ? parkIds.get(e.park)! : null,
      township: e.township,
      address: `天台县${e.township}`,
      contact_name: person(),
      contact_phone: `1${Math.floor(3e9 + random() * 6.9e9)}`,
      contact_email: null,
      created_at: now,
      updated_at: now,
    });
  }
  return { enterpriseIds, departmentIds };
}
