// Demo direct service: each category's lead department, and a year of requests (≈1,800, as the seed's
// county closed in 2020) moving through the workflow on the working calendar, with the seed's own case:
// 台州山河包装箱有限公司's June termite-control need, handled by the housing department the same afternoon.
// Closed requests end as 12345 hotlines see them, differently per department: mostly rated by the enterprise
// (满意 or 基本满意, a few after a redo), some rated by the office's follow-up call (回访, 不满意 among them), some
// closed by the clock as not rated; co-handling departments give their opinions (协办意见).
import { randomUUID } from 'node:crypto';
import type { ClosedAs, Rating, RequestStatus } from '@tiantai/shared';
import type { Insertable } from 'kysely';
import { pick, seededRandom } from '../../lib/random';
import { SHIPPED_CALENDAR } from './holiday-data';
import type { ServiceRequestDb } from './service-requests.repository';
import type { RequestDepartmentsTable, RequestEventsTable, RequestOpinionsTable, ServiceRequestsTable } from './service-requests.tables';
import { WorkingCalendar } from './sla-calendar';

const DEFAULT_LEADS: Record<string, string> = {
  land: '自然资源局',
  planning: '自然资源局',
  construction: '住建局',
  power: '供电公司',
  water_gas: '水务集团',
  tax: '税务局',
  finance: '金融中心',
  talent: '人社局',
  environment: '环保分局',
  safety: '应急局',
  market: '市场监管局',
  policy: '经信局',
  other: '直通办',
};

/** Typical needs per category, weighted by how often counties report them. */
const NEEDS: Record<string, { weight: number; titles: string[]; co?: string }> = {
  land: { weight: 8, titles: ['新厂房建设用地指标申请', '工业用地出让进度咨询', '厂区扩建用地手续办理'] },
  planning: { weight: 6, titles: ['厂房扩建规划许可办理', '规划条件核实咨询', '技改项目规划审批加快'] },
  construction: {
    weight: 14,
    titles: ['厂区白蚁防治', '新建车间施工许可办理', '厂房竣工验收协调', '员工宿舍房屋安全鉴定'],
    co: '房管中心',
  },
  power: { weight: 12, titles: ['新增变压器增容申请', '生产线用电负荷不足', '计划停电影响生产协调', '双电源改造咨询'] },
  water_gas: { weight: 6, titles: ['工业用水管网接入', '天然气管道接入申请', '厂区供水压力不足'] },
  tax: { weight: 10, titles: ['研发费用加计扣除政策咨询', '出口退税进度查询', '增值税留抵退税办理'] },
  finance: { weight: 9, titles: ['技改项目贷款对接', '应急转贷资金申请', '上市辅导政策咨询'] },
  talent: { weight: 12, titles: ['一线技术工人招聘困难', '高层次人才住房补贴申请', '员工子女入学协调', '技能等级认定培训'] },
  environment: { weight: 7, titles: ['环评审批进度咨询', '排污许可证变更', 'VOCs治理设施验收'] },
  safety: { weight: 5, titles: ['安全生产标准化评审', '危化品仓库安全指导', '消防验收协调'] },
  market: { weight: 5, titles: ['商标注册指导', '特种设备检验预约', '计量器具检定'] },
  policy: { weight: 8, titles: ['数字化改造补助兑现', '“未来工厂”申报辅导', '技改补助资金拨付进度', '专精特新企业认定辅导'] },
  other: { weight: 4, titles: ['企业门口道路破损修复', '公交线路延伸至园区', '厂区周边路灯报修'] },
};

/**
 * How each lead department's closed requests end, as shares: enterprise ratings that are 满意 (the rest
 * 基本满意), closures by follow-up call and by the clock as not rated, follow-up results that are 满意 and 不满意,
 * and enterprise-rated requests that went through one redo first. Hard cases (land, labour, policy payouts)
 * please less than routine ones (tax, power).
 */
interface Outcomes {
  satisfied: number;
  followUp: number;
  notRated: number;
  followUpSatisfied: number;
  followUpDissatisfied: number;
  redo: number;
}
const OUTCOMES: Record<string, Outcomes> = {
  自然资源局: { satisfied: 0.74, followUp: 0.13, notRated: 0.07, followUpSatisfied: 0.4, followUpDissatisfied: 0.35, redo: 0.06 },
  住建局: { satisfied: 0.85, followUp: 0.1, notRated: 0.05, followUpSatisfied: 0.55, followUpDissatisfied: 0.2, redo: 0.04 },
  供电公司: { satisfied: 0.92, followUp: 0.07, notRated: 0.04, followUpSatisfied: 0.7, followUpDissatisfied: 0.12, redo: 0.02 },
  水务集团: { satisfied: 0.87, followUp: 0.09, notRated: 0.05, followUpSatisfied: 0.6, followUpDissatisfied: 0.18, redo: 0.03 },
  税务局: { satisfied: 0.95, followUp: 0.05, notRated: 0.03, followUpSatisfied: 0.8, followUpDissatisfied: 0.06, redo: 0.01 },
  金融中心: { satisfied: 0.82, followUp: 0.1, notRated: 0.06, followUpSatisfied: 0.5, followUpDissatisfied: 0.25, redo: 0.03 },
  人社局: { satisfied: 0.78, followUp: 0.12, notRated: 0.08, followUpSatisfied: 0.45, followUpDissatisfied: 0.3, redo: 0.05 },
  环保分局: { satisfied: 0.8, followUp: 0.1, notRated: 0.06, followUpSatisfied: 0.5, followUpDissatisfied: 0.25, redo: 0.04 },
  应急局: { satisfied: 0.9, followUp: 0.08, notRated: 0.04, followUpSatisfied: 0.65, followUpDissatisfied: 0.15, redo: 0.02 },
  市场监管局: { satisfied: 0.91, followUp: 0.07, notRated: 0.05, followUpSatisfied: 0.7, followUpDissatisfied: 0.12, redo: 0.02 },
  经信局: { satisfied: 0.8, followUp: 0.12, notRated: 0.06, followUpSatisfied: 0.45, followUpDissatisfied: 0.28, redo: 0.04 },
  直通办: { satisfied: 0.86, followUp: 0.08, notRated: 0.08, followUpSatisfied: 0.55, followUpDissatisfied: 0.2, redo: 0.03 },
};
const USUAL_OUTCOMES: Outcomes = {
  satisfied: 0.86,
  followUp: 0.09,
  notRated: 0.05,
  followUpSatisfied: 0.55,
  followUpDissatisfied: 0.2,
  redo: 0.03,
};

const FOLLOW_UP_NOTES: Record<Rating, string[]> = {
  satisfied: ['电话回访企业联系人，对办理结果表示满意', '回访确认问题已解决，企业表示满意'],
  basically_satisfied: ['电话回访，企业表示问题基本解决，希望后续继续关注', '回访中企业认可办理态度，对办理时效略有意见'],
  dissatisfied: ['回访中企业表示问题仅部分解决，已转告牵头部门持续跟进', '企业对答复不满意，认为未解决实际困难，已记录并反馈部门'],
};

/** What a co-handling department tells the lead department, per department (short name). */
const OPINIONS: Record<string, string[]> = {
  房管中心: [
    '白蚁防治所可于两个工作日内安排人员上门查看，灭治费用按物价部门核定标准收取',
    '建议企业先委托有资质机构出具房屋安全鉴定报告，房管中心配合复核',
    '该厂区房屋已在我中心备案，相关图纸可提供给牵头部门参考',
  ],
};

const ANSWERS = [
  '已上门对接，问题已解决',
  '已协调相关单位办理完毕',
  '已电话答复企业并提供书面材料',
  '已现场踏勘并给出解决方案',
  '政策已兑现到位',
];

export async function loadServiceRequestDemo(db: ServiceRequestDb, departmentIds: Record<string, string>, now: Date): Promise<number> {
  for (const [code, short] of Object.entries(DEFAULT_LEADS)) {
    const id = departmentIds[short];
    if (id) await db.updateTable('service_categories').set({ lead_department_id: id }).where('code', '=', code).execute();
  }
  const categories = await db.selectFrom('service_categories').selectAll().execute();
  const enterprises = await db
    .selectFrom('enterprises')
    .innerJoin('organisations', 'organisations.id', 'enterprises.id')
    .select(['enterprises.id', 'organisations.name', 'enterprises.contact_name', 'enterprises.contact_phone'])
    .orderBy('organisations.name')
    .execute();
  const officer = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'officer').executeTakeFirst();
  const calendar = new WorkingCalendar(SHIPPED_CALENDAR);
  const random = seededRandom(20200101);
  const categoryWeights = categories.flatMap((c) => Array<string>(NEEDS[c.code]?.weight ?? 1).fill(c.code));
  const departmentNames = new Map(
    (await db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'department').execute()).map((d) => [d.id, d.name]),
  );
  const shortNames = new Map(Object.entries(departmentIds).map(([short, id]) => [id, short]));
  // A stream of its own for how requests end and what co-handlers say, so the workflow's draws (and with them
  // every count of the demo) are the same as before closings and opinions were modelled.
  const outcomes = seededRandom(20201231);

  const requests: Insertable<ServiceRequestsTable>[] = [];
  const events: Insertable<RequestEventsTable>[] = [];
  const links: RequestDepartmentsTable[] = [];
  const opinions: RequestOpinionsTable[] = [];
  const seqByYear = new Map<number, number>();
  const yearAgo = now.getTime() - 365 * 86_400_000;
  const shanhe = enterprises.find((e) => e.name === '台州山河包装箱有限公司');

  // ~7 a working day over the past year ≈ 1,800
  const total = 1800;
  const submissions: Array<{ at: Date; enterprise: (typeof enterprises)[number]; category: string; title: string; seedCase?: true }> = [];
  for (let i = 0; i < total; i++) {
    const at = calendar.addWorkingHours(new Date(yearAgo + random() * (now.getTime() - yearAgo - 3_600_000)), random() * 2);
    if (at.getTime() > now.getTime()) continue;
    const category = pick(random, categoryWeights);
    submissions.push({ at, enterprise: pick(random, enterprises), category, title: pick(random, NEEDS[category]?.titles ?? ['其他诉求']) });
  }
  const june = new Date(Date.UTC(now.getUTCMonth() >= 6 ? now.getUTCFullYear() : now.getUTCFullYear() - 1, 5, 16, 1, 30)); // 16 June, 09:30 in China
  if (shanhe) submissions.push({ at: june, enterprise: shanhe, category: 'construction', title: '厂区白蚁防治', seedCase: true });
  submissions.sort((a, b) => a.at.getTime() - b.at.getTime());

  for (const s of submissions) {
    const category = categories.find((c) => c.code === s.category)!;
    const year = new Date(s.at.getTime() + 8 * 3_600_000).getUTCFullYear();
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const id = randomUUID();
    const step = (hours: number, from: Date) => calendar.addWorkingHours(from, hours);
    const acceptedAt = step(s.seedCase ? 0.2 : 0.1 + random() * (random() < 0.05 ? 3 : 0.9), s.at);
    const dispatchedAt = step(0.1 + random() * 0.3, acceptedAt);
    const signedAt = step(s.seedCase ? 0.3 : 0.2 + random() * (random() < 0.05 ? 6 : 3), dispatchedAt);
    const answerHours = s.seedCase ? 3 : random() < 0.06 ? 36 + random() * 20 : 2 + random() * 30;
    const answeredAt = step(answerHours, signedAt);
    const ratedAt = step(1 + random() * 12, answeredAt);
    const acceptDue = calendar.addWorkingHours(s.at, category.accept_hours);
    const signDue = calendar.addWorkingHours(dispatchedAt, category.sign_hours);
    const answerDue = calendar.addWorkingDays(dispatchedAt, category.answer_days);
    const lead = category.lead_department_id;
    const co = s.seedCase || (NEEDS[s.category]?.co && random() < 0.3) ? departmentIds[NEEDS[s.category]!.co!] : undefined;

    // How far it got by now; anything whose next step lies in the future stops there.
    const reached = (at: Date) => at.getTime() <= now.getTime();
    const rejected = !s.seedCase && random() < 0.015 && reached(acceptedAt);
    let status: RequestStatus = 'submitted';
    if (reached(acceptedAt)) status = rejected ? 'rejected' : 'accepted';
    if (!rejected && reached(dispatchedAt) && lead) status = 'dispatched';
    if (status === 'dispatched' && reached(signedAt)) status = 'in_progress';
    if (status === 'in_progress' && reached(answeredAt)) status = 'answered';
    if (status === 'answered' && reached(ratedAt)) status = 'closed';
    // The draw the enterprise's own rating has always taken.
    const draw = status === 'closed' && !s.seedCase ? random() : 0;
    const iso = (d: Date) => d.toISOString();
    const after = (target: RequestStatus[]) => target.includes(status);

    // How it closed: a closing later than the enterprise's rating would have come (a follow-up call, the clock)
    // only if it has happened by now; else the enterprise rated it.
    const profile = (lead && OUTCOMES[shortNames.get(lead) ?? '']) || USUAL_OUTCOMES;
    const rateDue = calendar.addWorkingDays(answeredAt, category.rate_days);
    let closedAs: ClosedAs | null = null;
    let rating: Rating | null = null;
    let closedAt = ratedAt;
    let redo: { firstAnswerAt: Date; dissatisfiedAt: Date } | null = null;
    if (status === 'closed') {
      const o = s.seedCase ? 1 : outcomes();
      const followUpAt = step(14 + outcomes() * 6, answeredAt);
      if (o < profile.notRated && reached(rateDue)) {
        closedAs = 'not_rated';
        closedAt = rateDue;
      } else if (o < profile.notRated + profile.followUp && reached(followUpAt)) {
        closedAs = 'follow_up';
        const f = outcomes();
        rating =
          f < profile.followUpSatisfied ? 'satisfied' : f < 1 - profile.followUpDissatisfied ? 'basically_satisfied' : 'dissatisfied';
        closedAt = followUpAt;
      } else {
        closedAs = 'rated';
        rating = s.seedCase || draw < profile.satisfied ? 'satisfied' : 'basically_satisfied';
        if (!s.seedCase && answeredAt <= answerDue && outcomes() < profile.redo) {
          const span = calendar.workingMillisBetween(signedAt, answeredAt) / 3_600_000;
          redo = { firstAnswerAt: step(span * 0.5, signedAt), dissatisfiedAt: step(span * 0.75, signedAt) };
        }
      }
    }

    const request: Insertable<ServiceRequestsTable> = {
      id,
      number: `ZT${year}${String(seq).padStart(6, '0')}`,
      enterprise_id: s.enterprise.id,
      category_code: category.code,
      title: s.title,
      description: s.seedCase ? '仓库及木托盘发现白蚁蛀蚀，担心影响厂房安全，申请白蚁防治指导与灭治。' : `${s.title}，请相关部门协调解决。`,
      contact_name: s.enterprise.contact_name ?? '企业联系人',
      contact_phone: s.enterprise.contact_phone ?? '0576-83000000',
      status,
      lead_department_id: after(['dispatched', 'in_progress', 'answered', 'closed']) ? lead : null,
      answer: after(['answered', 'closed'])
        ? s.seedCase
          ? '县房管中心白蚁防治人员当天下午上门查看，已完成灭治并指导后续预防。'
          : pick(random, ANSWERS)
        : null,
      rating,
      rating_comment: s.seedCase
        ? '当天下午就上门处理，非常满意！'
        : closedAs === 'follow_up' && rating
          ? pick(outcomes, FOLLOW_UP_NOTES[rating])
          : null,
      redo_count: redo ? 1 : 0,
      paused_at: null,
      extension_requested_days: null,
      submitted_at: iso(s.at),
      accepted_at: status === 'submitted' ? null : iso(acceptedAt),
      dispatched_at: after(['dispatched', 'in_progress', 'answered', 'closed']) ? iso(dispatchedAt) : null,
      signed_at: after(['in_progress', 'answered', 'closed']) ? iso(signedAt) : null,
      answered_at: after(['answered', 'closed']) ? iso(answeredAt) : null,
      closed_at: status === 'closed' ? iso(closedAt) : status === 'rejected' ? iso(acceptedAt) : null,
      accept_due_at: iso(acceptDue),
      sign_due_at: after(['dispatched', 'in_progress', 'answered', 'closed']) ? iso(signDue) : null,
      // A redo restarts the answer clock from the dissatisfied rating.
      answer_due_at: redo
        ? iso(calendar.addWorkingDays(redo.dissatisfiedAt, category.answer_days))
        : after(['dispatched', 'in_progress', 'answered', 'closed'])
          ? iso(answerDue)
          : null,
      accepted_on_time: status === 'submitted' ? null : acceptedAt <= acceptDue ? 1 : 0,
      answered_on_time: after(['answered', 'closed']) ? (answeredAt <= answerDue ? 1 : 0) : null,
      escalated_at: null,
      rate_due_at: after(['answered', 'closed']) ? iso(rateDue) : null,
      closed_as: closedAs,
      // The request's last event, below: when it last changed, as a client reading updated_datetime expects.
      updated_at: iso(s.at),
    };
    requests.push(request);
    if (after(['dispatched', 'in_progress', 'answered', 'closed']) && lead) {
      links.push({ request_id: id, department_id: lead, role: 'lead' });
      if (co && co !== lead) links.push({ request_id: id, department_id: co, role: 'co' });
    }
    const leadName = lead ? (departmentNames.get(lead) ?? null) : null;
    const event = (kind: string, at: Date, actor: string | null, organisation: string | null, note: string | null) => {
      if (iso(at) > request.updated_at) request.updated_at = iso(at);
      events.push({
        id: randomUUID(),
        request_id: id,
        kind,
        at: iso(at),
        actor_user_id: null,
        actor_name: actor,
        organisation_name: organisation,
        note,
      });
    };
    event('submit', s.at, s.enterprise.contact_name, s.enterprise.name, s.title);
    if (status === 'submitted') continue;
    const office = officer?.display_name ?? '直通办';
    if (rejected) {
      event('reject', acceptedAt, office, '天台县人民政府', '不属于直通服务受理范围，已告知企业咨询渠道');
      continue;
    }
    event('accept', acceptedAt, office, '天台县人民政府', '已电话联系企业，核实诉求内容');
    if (!after(['dispatched', 'in_progress', 'answered', 'closed'])) continue;
    event('dispatch', dispatchedAt, office, '天台县人民政府', null);
    if (!after(['in_progress', 'answered', 'closed'])) continue;
    event('sign', signedAt, `${leadName ?? '部门'}经办人`, leadName, null);
    event('start', signedAt, `${leadName ?? '部门'}经办人`, leadName, null);
    const coName = co && co !== lead ? departmentNames.get(co) : undefined;
    const said = co ? OPINIONS[shortNames.get(co) ?? ''] : undefined;
    if (co && coName && said && (s.seedCase || outcomes() < 0.8)) {
      // Before the (first) answer: the lead department reads it while handling.
      const until = after(['answered', 'closed']) ? answeredAt : now;
      const at = step((calendar.workingMillisBetween(signedAt, until) / 3_600_000) * (0.1 + outcomes() * 0.35), signedAt);
      if (reached(at)) {
        const text = s.seedCase ? '白蚁防治所今天下午可派员上门查看并灭治，请住建局转告企业联系人' : pick(outcomes, said);
        opinions.push({
          request_id: id,
          department_id: co,
          opinion: text,
          author_user_id: null,
          author_name: `${coName}经办人`,
          submitted_at: iso(at),
          updated_at: iso(at),
        });
        event('opinion', at, `${coName}经办人`, coName, null);
      }
    }
    if (!after(['answered', 'closed'])) continue;
    if (redo) {
      event('answer', redo.firstAnswerAt, `${leadName ?? '部门'}经办人`, leadName, null);
      event('rate_dissatisfied', redo.dissatisfiedAt, s.enterprise.contact_name, s.enterprise.name, '问题还没有完全解决，希望再跟进');
    }
    event('answer', answeredAt, `${leadName ?? '部门'}经办人`, leadName, null);
    if (closedAs === 'rated') event(`rate_${rating}`, ratedAt, s.enterprise.contact_name, s.enterprise.name, null);
    if (closedAs === 'follow_up') event(`follow_up_${rating}`, closedAt, office, '天台县人民政府', request.rating_comment ?? null);
    if (closedAs === 'not_rated') event('close_not_rated', closedAt, null, null, '企业未在评价期限内评价，按未评价办结');
  }

  for (let i = 0; i < requests.length; i += 200)
    await db
      .insertInto('service_requests')
      .values(requests.slice(i, i + 200))
      .execute();
  for (let i = 0; i < links.length; i += 500)
    await db
      .insertInto('request_departments')
      .values(links.slice(i, i + 500))
      .execute();
  for (let i = 0; i < opinions.length; i += 500)
    await db
      .insertInto('request_opinions')
      .values(opinions.slice(i, i + 500))
      .execute();
  for (let i = 0; i < events.length; i += 500)
    await db
      .insertInto('request_events')
      .values(events.slice(i, i + 500))
      .execute();
  return requests.length;
}
