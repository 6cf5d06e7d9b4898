// Open311 GeoReport v2 over the direct-service requests: our categories as services, our requests as
// service requests. Filing goes through ServiceRequestService.create, so the workflow, SLA clock and
// notifications are the same as for a request filed in the web app.
import {
  DEFAULT_COUNTY_TIME_ZONE,
  countyDayStart,
  countyInstant,
  countyIsoString,
  createRequestBody,
  type Actor,
  type RequestStatus,
} from '@tiantai/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { withTablesOf } from '../../db/connection';
import { requirePermission } from '../../http/access';
import { AppError, notFound } from '../../http/errors';
import * as repo from './service-requests.repository';
import type { ServiceRequestDb } from './service-requests.repository';
import type { FiledDetails, ServiceRequestService } from './service-requests.service';
import type { ServiceRequestTables } from './service-requests.tables';

export const OPEN311_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When what this endpoint offers last changed (new fields, new rules), for discovery's changeset. */
const CHANGESET = '2026-12-03T15:00:00+08:00';
/** The spec's response volume: at most 1000 requests, by default of the most recent 90 days. */
export const MAX_REQUESTS = 1000;
/** The spec's date window: the last 90 days by default, and no start_date..end_date span longer than that. */
export const WINDOW_DAYS = 90;
const DEFAULT_WINDOW_MS = WINDOW_DAYS * 24 * 3_600_000;
const TITLE_LENGTH = 40;
const CONTACT_NAME_LENGTH = 50;
const NO_PHONE = '未提供';

export type Open311Discovery = {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: Array<{ specification: string; url: string; changeset: string; type: 'production'; formats: string[] }>;
};

export type Open311ServiceType = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
};

export type Open311ServiceDefinition = {
  service_code: string;
  attributes: never[];
};

// Type aliases, not interfaces: the XML writer takes them as plain records.
/** Every field of the spec's request, null where we have nothing or the caller may not see it. */
export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};

export type Open311Created = {
  service_request_id: string;
  service_notice: string;
  account_id: string;
};

export type Open311Token = {
  service_request_id: string;
  token: string;
};

/**
 * The spec's POST fields, as text: all kept (name and phone as the request's contact, the rest in their own
 * columns). Only attribute[…] is accepted and ignored: our services define no attributes.
 */
export interface Open311Filing {
  service_code?: string | undefined;
  description?: string | undefined;
  lat?: string | undefined;
  long?: string | undefined;
  address_string?: string | undefined;
  address_id?: string | undefined;
  email?: string | undefined;
  device_id?: string | undefined;
  account_id?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  phone?: string | undefined;
  media_url?: string | undefined;
}

/**
 * Stable first words of the descriptions of the 400s a client can act on (the error's code is the HTTP
 * status, as the spec's examples and every other Open311 error here have it).
 */
export const OPEN311_ERRORS = {
  /** POST requests without lat+long, address_string or address_id. */
  locationRequired: 'location_required',
  /** lat/long not a number in range, or only one of the two. */
  invalidLocation: 'invalid_location',
  /** email, media_url or a text field that cannot be stored as given. */
  invalidField: 'invalid_field',
  /** GET requests with start_date..end_date spanning more than 90 days. */
  dateWindowTooLong: 'date_window_too_long',
} as const;

/** Lengths of the columns the Open311 fields are kept in (migration 2026-12-03T15-00-00_open311-fields). */
const FIELD_LENGTHS = { address_string: 500, address_id: 100, device_id: 100, account_id: 100, email: 254, media_url: 2048 } as const;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const EMAIL = z.email();

/** The GET requests.{format} arguments as they arrive; empty means absent, as the spec's optional arguments say. */
export interface Open311Search {
  service_request_id?: string | undefined;
  service_code?: string | undefined;
  /** Alone, the 90 days from it; with end_date, a span of at most 90 days. */
  start_date?: string | undefined;
  end_date?: string | undefined;
  status?: string | undefined;
}

const CLOSED: readonly RequestStatus[] = ['closed', 'rejected'];

/** What the public reads in status_notes: where the request stands, never what anyone wrote. */
const STATUS_NOTES: Record<RequestStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  dispatched: '已派单',
  signed: '部门已签收',
  in_progress: '办理中',
  answered: '已答复，待企业评价',
  closed: '已办结',
  rejected: '不予受理',
};

const badRequest = (description: string) => new AppError(400, 'VALIDATION_FAILED', description);
const coded = (code: (typeof OPEN311_ERRORS)[keyof typeof OPEN311_ERRORS], description: string) => badRequest(`${code}: ${description}`);

const W3C_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A W3C datetime (the spec's ISO 8601 subset). Lenient where clients commonly slip: a date alone covers
 * that whole day of the county, a time without a zone is the county's (COUNTY_TIME_ZONE), and a '+' left
 * unencoded in the query string (which arrives as a space) is read as the '+' it was.
 */
export function parseW3cDate(raw: string, edge: 'start' | 'end', timeZone = DEFAULT_COUNTY_TIME_ZONE): Date | null {
  const value = raw.trim().replace(/(T[\d:.]+) (\d{2}:?\d{2})$/i, '$1+$2');
  const match = W3C_DATETIME.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  if (hour === undefined) {
    const start = countyDayStart(`${year}-${month}-${day}`, timeZone);
    if (edge === 'start') return start;
    // The day's last millisecond: the next county day's start less one (a day need not be 24 hours long).
    const next = new Date(Date.UTC(y, m - 1, d + 1));
    return new Date(
      countyInstant({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, timeZone).getTime() - 1,
    );
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const millisecond = Number(fraction.padEnd(3, '0').slice(0, 3));
  if (zone === undefined)
    return countyInstant(
      { year: y, month: m, day: d, hour: Number(hour), minute: Number(minute), second: Number(second), millisecond },
      timeZone,
    );
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${fraction.padEnd(3, '0').slice(0, 3)}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A comma-separated argument as a list; empty entries (and an empty argument) are nothing. */
function commaList(value: string | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
    ),
  ];
}

const present = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** A coordinate as the client sent it (text or JSON number): a decimal number within ±limit, else a 400. */
function coordinate(field: 'lat' | 'long', raw: string, limit: number): number {
  const value = raw.trim();
  const number = DECIMAL.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(number) || Math.abs(number) > limit)
    throw coded(
      OPEN311_ERRORS.invalidLocation,
      `${field}: ${Array.from(value).slice(0, 40).join('')} is not a decimal number from -${limit} to ${limit} (WGS84 degrees)`,
    );
  return number;
}

/**
 * What the filing says besides the request itself, checked: the spec's location (lat and long together,
 * address_string or address_id; at least one of them), an email, a media_url to keep (not fetch).
 */
function filedDetails(filing: Open311Filing): FiledDetails {
  const lat = present(filing.lat);
  const long = present(filing.long);
  if ((lat === undefined) !== (long === undefined))
    throw coded(
      OPEN311_ERRORS.invalidLocation,
      `${lat === undefined ? 'long' : 'lat'} was provided without ${lat === undefined ? 'lat' : 'long'}: send both`,
    );
  const details: FiledDetails = {
    lat: lat === undefined ? null : coordinate('lat', lat, 90),
    long: long === undefined ? null : coordinate('long', long, 180),
  };
  for (const field of ['address_string', 'address_id', 'device_id', 'account_id', 'email', 'media_url'] as const) {
    const value = present(filing[field]) ?? null;
    if (value !== null && Array.from(value).length > FIELD_LENGTHS[field])
      throw coded(OPEN311_ERRORS.invalidField, `${field}: at most ${FIELD_LENGTHS[field]} characters`);
    details[field] = value;
  }
  if (details.lat === null && !details.address_string && !details.address_id)
    throw coded(OPEN311_ERRORS.locationRequired, 'a request needs a location: lat and long, address_string or address_id');
  if (details.email && !EMAIL.safeParse(details.email).success)
    throw coded(OPEN311_ERRORS.invalidField, `email: ${details.email} is not an email address`);
  if (details.media_url && !isWebUrl(details.media_url))
    throw coded(OPEN311_ERRORS.invalidField, 'media_url: not an absolute http:// or https:// URL');
  return details;
}

function isWebUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/** Which requests a caller may read in full: its enterprise's, its department's, or (county) all. Null: the public. */
type Scope = { kind: 'public' } | { kind: 'all' } | { kind: 'enterprise'; id: string } | { kind: 'department'; id: string };

function scopeOf(viewer: Actor | null): Scope {
  if (!viewer) return { kind: 'public' };
  switch (viewer.organisationKind) {
    case 'enterprise':
      return { kind: 'enterprise', id: viewer.organisationId };
    case 'department':
      return { kind: 'department', id: viewer.organisationId };
    case 'county':
      return { kind: 'all' };
  }
}

function serviceNotice(category: { accept_hours: number; answer_days: number }): string {
  return `直通办 ${category.accept_hours} 个工作小时内受理，牵头部门 ${category.answer_days} 个工作日内答复`;
}

export class Open311Service {
  private readonly db: ServiceRequestDb;
  /** The requests' module's clock: times answered with the county's offset, dates without a zone read on it. */
  private readonly timeZone: string;

  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    db: Kysely<any>,
    private readonly serviceRequests: ServiceRequestService,
  ) {
    this.db = withTablesOf<ServiceRequestTables>(db);
    this.timeZone = serviceRequests.timeZone;
  }

  discovery(baseUrl: string): Open311Discovery {
    return {
      changeset: CHANGESET,
      contact: '天台县企业直通服务办公室（直通办）',
      key_service:
        '企业账号登录天台平台后，在「API 令牌」中创建令牌，作为 api_key 使用（Sign in with an enterprise account and create an API token; use it as api_key）',
      endpoints: [
        {
          specification: OPEN311_SPECIFICATION,
          url: baseUrl,
          changeset: CHANGESET,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    };
  }

  async services(): Promise<Open311ServiceType[]> {
    return (await repo.listCategories(this.db)).map((c) => ({
      service_code: c.code,
      service_name: c.name_zh,
      description: `${c.name_zh}（${c.name_en}）：${serviceNotice(c)}`,
      metadata: false,
      type: 'realtime',
      keywords: [c.name_zh, c.name_en, c.code].join(', '),
      group: c.lead_department_name ?? '直通办',
    }));
  }

  async serviceDefinition(code: string): Promise<Open311ServiceDefinition> {
    const category = await repo.findCategory(this.db, code);
    if (!category) throw notFound(`service_code ${code}`);
    return { service_code: category.code, attributes: [] };
  }

  /** Files a direct-service request for the key's enterprise; checks run in the spec's order of errors. */
  async create(actor: Actor, filing: Open311Filing): Promise<Open311Created> {
    requirePermission(actor, 'requests.file', 'api_key is not an enterprise account’s: only enterprises file requests');
    const code = present(filing.service_code);
    if (!code) throw badRequest('service_code was not provided');
    const category = await repo.findCategory(this.db, code);
    if (!category) throw notFound(`service_code ${code}`);
    const description = present(filing.description);
    if (!description) throw badRequest('description was not provided');
    const details = filedDetails(filing);

    const user = await this.db
      .selectFrom('users')
      .select(['display_name', 'phone'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    const body = createRequestBody.safeParse({
      categoryCode: category.code,
      title: Array.from(description.replace(/\s+/g, ' ')).slice(0, TITLE_LENGTH).join(''),
      description,
      contactName: Array.from(contactName(filing) ?? user.display_name)
        .slice(0, CONTACT_NAME_LENGTH)
        .join(''),
      contactPhone: present(filing.phone) ?? present(user.phone ?? undefined) ?? NO_PHONE,
    });
    if (!body.success) {
      const field: Record<string, string> = { description: 'description', contactPhone: 'phone', contactName: 'first_name/last_name' };
      throw badRequest(body.error.issues.map((i) => `${field[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; '));
    }
    const created = await this.serviceRequests.create(actor, body.data, details);
    return { service_request_id: created.number, service_notice: serviceNotice(category), account_id: actor.userId };
  }

  /** GET requests: the spec's filters, newest first, at most 1000; the public sees no enterprise's words. */
  async search(viewer: Actor | null, search: Open311Search, now: Date = new Date()): Promise<Open311Request[]> {
    const ids = commaList(search.service_request_id);
    if (ids.length > MAX_REQUESTS) throw badRequest(`service_request_id: at most ${MAX_REQUESTS} ids`);
    // The spec: service_request_id overrides all other arguments.
    if (ids.length > 0) return this.find(viewer, { ids });

    const statuses = commaList(search.status?.toLowerCase());
    const unknown = statuses.filter((s) => s !== 'open' && s !== 'closed');
    if (unknown.length > 0) throw badRequest(`status: ${unknown.join(', ')} is not one of open, closed`);
    const start = present(search.start_date);
    const end = present(search.end_date);
    const startDate = start === undefined ? undefined : parseW3cDate(start, 'start', this.timeZone);
    if (startDate === null) throw badRequest(`start_date: ${start} is not a W3C datetime such as 2026-06-15T14:30:00+08:00`);
    const endDate = end === undefined ? undefined : parseW3cDate(end, 'end', this.timeZone);
    if (endDate === null) throw badRequest(`end_date: ${end} is not a W3C datetime such as 2026-06-15T14:30:00+08:00`);
    // Either end alone opens the spec's 90-day window from it; neither: the last 90 days.
    const to = endDate ?? (startDate ? new Date(startDate.getTime() + DEFAULT_WINDOW_MS) : now);
    const from = startDate ?? new Date(to.getTime() - DEFAULT_WINDOW_MS);
    if (from > to) throw badRequest('start_date is after end_date');
    if (to.getTime() - from.getTime() > DEFAULT_WINDOW_MS) {
      const days = Math.ceil((to.getTime() - from.getTime()) / 86_400_000);
      throw coded(
        OPEN311_ERRORS.dateWindowTooLong,
        `start_date to end_date spans ${days} days; the window may not exceed ${WINDOW_DAYS} days: split the search`,
      );
    }

    return this.find(viewer, {
      codes: commaList(search.service_code),
      from: from.toISOString(),
      to: to.toISOString(),
      ...(statuses.length === 1 && { closed: statuses[0] === 'closed' }),
    });
  }

  /** One request by our number (ZT2026000001) or id; 404 when there is none or the caller may not see it. */
  async get(viewer: Actor | null, id: string): Promise<Open311Request> {
    const [found] = id ? await this.find(viewer, { ids: [id] }) : [];
    if (!found) throw notFound(`service_request_id ${id}`);
    return found;
  }

  /** Requests are created synchronously, so a token is simply the request's id. */
  async token(viewer: Actor | null, token: string): Promise<Open311Token> {
    const [found] = token ? await this.find(viewer, { ids: [token] }) : [];
    if (!found) throw notFound(`token ${token}`);
    return { service_request_id: found.service_request_id, token };
  }

  private async find(
    viewer: Actor | null,
    filter: { ids: string[] } | { codes: string[]; from: string; to: string; closed?: boolean },
  ): Promise<Open311Request[]> {
    const scope = scopeOf(viewer);
    let query = this.db
      .selectFrom('service_requests')
      .innerJoin('service_categories', 'service_categories.code', 'service_requests.category_code')
      .leftJoin('organisations as lead', 'lead.id', 'service_requests.lead_department_id')
      .select([
        'service_requests.id',
        'service_requests.number',
        'service_requests.status',
        'service_requests.category_code',
        'service_requests.description',
        'service_requests.answer',
        'service_requests.answered_at',
        'service_requests.submitted_at',
        'service_requests.updated_at',
        'service_requests.accept_due_at',
        'service_requests.answer_due_at',
        'service_requests.lat',
        'service_requests.long',
        'service_requests.address_string',
        'service_requests.address_id',
        'service_requests.media_url',
        'service_categories.name_zh',
        'service_categories.accept_hours',
        'service_categories.answer_days',
        'lead.name as lead_name',
      ]);
    if (scope.kind === 'enterprise') query = query.where('service_requests.enterprise_id', '=', scope.id);
    if (scope.kind === 'department') {
      const department = scope.id;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('request_departments')
            .select('request_departments.request_id')
            .whereRef('request_departments.request_id', '=', 'service_requests.id')
            .where('request_departments.department_id', '=', department),
        ),
      );
    }
    if ('ids' in filter) {
      query = query.where((eb) => eb.or([eb('service_requests.number', 'in', filter.ids), eb('service_requests.id', 'in', filter.ids)]));
    } else {
      query = query.where('service_requests.submitted_at', '>=', filter.from).where('service_requests.submitted_at', '<=', filter.to);
      if (filter.codes.length > 0) query = query.where('service_requests.category_code', 'in', filter.codes);
      if (filter.closed !== undefined) query = query.where('service_requests.status', filter.closed ? 'in' : 'not in', [...CLOSED]);
    }
    const rows = await query.orderBy('service_requests.submitted_at', 'desc').orderBy('service_requests.id').limit(MAX_REQUESTS).execute();

    const full = scope.kind !== 'public';
    const rejected = full ? rows.filter((r) => r.status === 'rejected').map((r) => r.id) : [];
    const reasons = new Map<string, string>();
    if (rejected.length > 0) {
      const events = await this.db
        .selectFrom('request_events')
        .select(['request_id', 'note'])
        .where('kind', '=', 'reject')
        .where('request_id', 'in', rejected)
        .orderBy('at')
        .execute();
      for (const e of events) if (e.note) reasons.set(e.request_id, e.note);
    }

    return rows.map((r) => {
      // An answer counts once given: a redo (dissatisfied rating) clears answered_at while the old text stays.
      const written = r.status === 'rejected' ? reasons.get(r.id) : r.answered_at ? r.answer : null;
      return {
        service_request_id: r.number,
        status: CLOSED.includes(r.status) ? 'closed' : 'open',
        status_notes: (full ? written : null) ?? STATUS_NOTES[r.status],
        service_name: r.name_zh,
        service_code: r.category_code,
        description: full ? r.description : null,
        agency_responsible: r.lead_name,
        service_notice: serviceNotice(r),
        // On the county's clock with its offset: 2026-06-15T14:30:00+08:00.
        requested_datetime: countyIsoString(r.submitted_at, this.timeZone),
        updated_datetime: countyIsoString(r.updated_at, this.timeZone),
        expected_datetime: countyIsoString(r.answer_due_at ?? r.accept_due_at, this.timeZone),
        // Where the enterprise is, and its photo, say who filed: the enterprise's and its handlers' to read.
        address: full ? r.address_string : null,
        address_id: full ? r.address_id : null,
        zipcode: null,
        lat: full && r.lat !== null ? Number(r.lat) : null,
        long: full && r.long !== null ? Number(r.long) : null,
        media_url: full ? r.media_url : null,
      };
    });
  }
}

/** The submitter's name as a Chinese reader writes it: family name first, no space between Han names. */
function contactName(filing: Open311Filing): string | undefined {
  const first = present(filing.first_name);
  const last = present(filing.last_name);
  if (!first || !last) return first ?? last;
  return /^\p{Script=Han}+$/u.test(first + last) ? `${last}${first}` : `${first} ${last}`;
}
