// Demo plants, lines, machines and molds for a few of the county's factories (银轮机械 first), with shot
// counts that put some molds near the end of their design life, and one customer's mold kept at 银轮.
// Deterministic, so every fresh install shows the same shop floors.
import { randomUUID } from 'node:crypto';
import type { AssetKind, AssetState, Criticality } from '@tiantai/shared';
import { pick, seededRandom } from '../../lib/random';
import * as repo from './assets.repository';
import type { AssetDb } from './assets.repository';

interface Machine {
  type: string;
  makers: readonly string[];
  models: readonly string[];
  line: number;
  press: boolean;
}

const MACHINES: readonly Machine[] = [
  { type: '注塑机', makers: ['海天', '震雄', '伊之密'], models: ['MA1600III', 'MA2500III', 'JU4500'], line: 0, press: true },
  { type: '压铸机', makers: ['力劲', '伊之密'], models: ['DCC400', 'DCC800', 'H-630'], line: 1, press: true },
  { type: '冲压机', makers: ['扬力', '济南二机床'], models: ['JH21-200', 'JH25-315', 'J31-400'], line: 1, press: true },
  {
    type: '数控加工中心',
    makers: ['发那科', '大连机床', '海天精工'],
    models: ['VDL-850A', 'HTM-63', 'Robodrill α-D21'],
    line: 2,
    press: false,
  },
  { type: '数控车床', makers: ['沈阳机床', '发那科'], models: ['CAK6150', 'i5T3'], line: 2, press: false },
  { type: '钎焊炉', makers: ['苏州华昌'], models: ['NB-600'], line: 3, press: false },
  { type: '空压机', makers: ['阿特拉斯·科普柯', '开山'], models: ['GA55', 'LG-13/8'], line: 3, press: false },
];

const MOLD_PARTS = ['散热器主片', '水室', '油冷器壳体', '端盖', '侧板', '中冷器气室', '翅片', '支架', '法兰', '管箍'];

const PLANT_NAMES = ['一号厂区', '二号厂区'] as const;
const LINE_NAMES = [
  ['注塑车间', '冲压车间'],
  ['机加工车间', '钎焊车间'],
] as const;

interface DemoEnterprise {
  id: string;
  prefix: string;
  address: string;
}

export async function loadAssetDemo(db: AssetDb, enterpriseIds: Record<string, string>, now: Date): Promise<void> {
  const random = seededRandom(4242);
  const iso = now.toISOString();
  const byName = async (name: string) =>
    (await db.selectFrom('organisations').select('id').where('name', '=', name).where('kind', '=', 'enterprise').executeTakeFirst())?.id;
  const enterprises: DemoEnterprise[] = [];
  const add = (id: string | undefined, prefix: string, address: string) => {
    if (id) enterprises.push({ id, prefix, address });
  };
  add(enterpriseIds.yinlun, 'YL', '天台县福溪街道始丰东路8号');
  add(await byName('浙江三力士智能传动科技有限公司'), 'SLS', '天台县三合镇洪三橡胶工业园');
  add(await byName('祥和实业股份有限公司'), 'XH', '天台县坦头镇苍山产业集聚区');

  const insert = async (
    e: DemoEnterprise,
    asset: {
      kind: AssetKind;
      code: string;
      name: string;
      model: string | null;
      maker: string | null;
      criticality: Criticality;
      plantId: string;
      lineId: string;
      state: AssetState;
      installDate: string;
      attributes: Record<string, string | number>;
      press?: boolean;
      cavities?: number;
      designLifeShots?: number;
      custodian?: string;
    },
  ) => {
    const id = randomUUID();
    await repo.insertAsset(db, {
      id,
      enterprise_id: e.id,
      custodian_enterprise_id: asset.custodian ?? null,
      kind: asset.kind,
      code: asset.code,
      name: asset.name,
      model: asset.model,
      maker: asset.maker,
      serial: `${asset.code}-${Math.floor(random() * 900000 + 100000)}`,
      install_date: asset.installDate,
      criticality: asset.criticality,
      plant_id: asset.plantId,
      line_id: asset.lineId,
      state: asset.state,
      attributes: JSON.stringify(asset.attributes),
      cavities: asset.cavities ?? null,
      design_life_shots: asset.designLifeShots ?? null,
      press: asset.press ? 1 : 0,
      mounted_on_asset_id: null,
      created_at: iso,
      updated_at: iso,
    });
    await repo.insertEvent(db, {
      id: randomUUID(),
      asset_id: id,
      kind: 'created',
      from_state: null,
      to_state: asset.state,
      at: iso,
      actor_user_id: null,
      actor_name: null,
      reason: '设备台账导入',
    });
    return id;
  };

  const count = async (assetId: string, counter: 'run_hours' | 'shots', value: number) => {
    await repo.insertCounter(db, { asset_id: assetId, counter, value, last_reading: value, reset_count: 0, updated_at: iso });
    await repo.insertReading(db, {
      id: randomUUID(),
      asset_id: assetId,
      counter,
      value,
      delta: value,
      at: iso,
      source: 'manual',
      kind: 'reading',
      actor_user_id: null,
    });
  };

  for (const e of enterprises) {
    const lines: Array<{ plantId: string; lineId: string }> = [];
    for (const [p, plantName] of PLANT_NAMES.entries()) {
      const plantId = randomUUID();
      await repo.insertPlant(db, {
        id: plantId,
        enterprise_id: e.id,
        name: plantName,
        address: p === 0 ? e.address : `${e.address}（二期）`,
        created_at: iso,
        updated_at: iso,
      });
      for (const lineName of LINE_NAMES[p]!) {
        const lineId = randomUUID();
        await repo.insertLine(db, { id: lineId, enterprise_id: e.id, plant_id: plantId, name: lineName, created_at: iso, updated_at: iso });
        lines.push({ plantId, lineId });
      }
    }

    const presses: string[] = [];
    for (let n = 1; n <= 15; n++) {
      const machine = MACHINES[(n - 1) % MACHINES.length]!;
      const state: AssetState = n === 4 ? 'under_maintenance' : n === 11 ? 'under_repair' : n === 13 ? 'idle' : 'in_service';
      const id = await insert(e, {
        kind: 'equipment',
        code: `${e.prefix}-EQ-${String(n).padStart(3, '0')}`,
        name: `${machine.type} ${Math.ceil(n / MACHINES.length)}#`,
        model: pick(random, machine.models),
        maker: pick(random, machine.makers),
        criticality: machine.press ? 'A' : pick(random, ['B', 'C'] as const),
        press: machine.press,
        ...lines[machine.line]!,
        state,
        installDate: `20${String(14 + Math.floor(random() * 11)).padStart(2, '0')}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
        attributes: machine.press
          ? { 吨位: `${pick(random, [160, 250, 400, 630, 800])}T` }
          : { 功率: `${pick(random, [11, 15, 22, 37])}kW` },
      });
      await count(id, 'run_hours', Math.round(2000 + random() * 40000));
      if (machine.press && state === 'in_service') presses.push(id);
    }

    for (let n = 1; n <= 10; n++) {
      const designLifeShots = pick(random, [300_000, 500_000, 800_000, 1_000_000]);
      // Every fourth mold is near or at the end of its life (90–100 %); the rest between 10 % and 85 %.
      const used = n % 4 === 0 ? 0.9 + random() * 0.1 : 0.1 + random() * 0.75;
      const line = lines[n % 2 === 0 ? 0 : 1]!;
      const id = await insert(e, {
        kind: 'mold',
        code: `${e.prefix}-MJ-${String(n).padStart(3, '0')}`,
        name: `${MOLD_PARTS[n - 1]}模具`,
        model: `M${1000 + n * 7}`,
        maker: pick(random, ['宁波模具厂', '黄岩精诚模具', '台州华诚模塑', '自制']),
        criticality: n % 4 === 0 ? 'A' : 'B',
        ...line,
        state: 'in_service',
        installDate: `202${Math.floor(random() * 5)}-0${1 + Math.floor(random() * 9)}-0${1 + Math.floor(random() * 9)}`,
        attributes: { 材质: pick(random, ['P20', 'H13', '718H', 'NAK80']) },
        cavities: pick(random, [1, 2, 4, 8]),
        designLifeShots,
      });
      await count(id, 'shots', Math.round(designLifeShots * used));
      const press = presses[n - 1];
      if (press && n <= 4) {
        await repo.insertMount(db, {
          id: randomUUID(),
          mold_id: id,
          press_id: press,
          mounted_at: iso,
          removed_at: null,
          mounted_by: null,
          removed_by: null,
        });
        await repo.updateAsset(db, id, { mounted_on_asset_id: press });
      }
    }
  }

  // A customer's mold kept at 银轮: 祥和实业 owns it, 银轮 keeps and runs it.
  const [yinlun, , customer] = enterprises;
  if (yinlun && customer) {
    const [plant] = await repo.listPlants(db, yinlun.id);
    const [line] = plant ? await repo.listLines(db, yinlun.id, plant.id) : [];
    if (plant && line) {
      const id = await insert(customer, {
        kind: 'mold',
        code: `${customer.prefix}-MJ-K01`,
        name: '客户寄存 水箱盖模具',
        model: 'KM-2208',
        maker: '黄岩精诚模具',
        criticality: 'A',
        plantId: plant.id,
        lineId: line.id,
        state: 'in_service',
        installDate: '2023-05-10',
        attributes: { 材质: 'H13', 寄存协议: 'XH-YL-2023-017' },
        cavities: 2,
        designLifeShots: 500_000,
        custodian: yinlun.id,
      });
      await count(id, 'shots', 212_480);
    }
  }
}
