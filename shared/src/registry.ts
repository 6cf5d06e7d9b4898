import { z } from 'zod';
import { INDUSTRY_CODE_PATTERN } from './industry';

const name = z.string().trim().min(1).max(200);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const PARK_KINDS = ['park', 'zone'] as const;

export const parkBody = z.object({
  name,
  kind: z.enum(PARK_KINDS),
  towns: z.array(z.string().trim().min(1).max(50)).max(20),
  areaKm2: z.number().nonnegative().max(100000).nullable(),
  /** 万元 (10,000 yuan), the unit county statistics use. */
  plannedInvestmentWan: z.number().nonnegative().max(1e9).nullable(),
  description: optionalText(2000),
});
export type ParkBody = z.infer<typeof parkBody>;
export const parkView = parkBody.extend({
  id: z.string(),
  description: z.string().nullable(),
  enterpriseCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ParkView = z.infer<typeof parkView>;

export const DEPARTMENT_KINDS = ['office', 'bureau', 'centre', 'utility', 'township', 'other'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const departmentBody = z.object({
  name,
  shortName: optionalText(50),
  kind: z.enum(DEPARTMENT_KINDS),
  acceptsRequests: z.boolean(),
  contactName: optionalText(50),
  contactPhone: optionalText(32),
});
export type DepartmentBody = z.infer<typeof departmentBody>;
export const departmentView = departmentBody.extend({
  id: z.string(),
  shortName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DepartmentView = z.infer<typeof departmentView>;

const enterpriseFields = z.object({
  name,
  creditCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-HJ-NP-RTUW-Y]{18}$/, '18 symbols of 0-9 and A-Y without I O S V Z')
    .nullable()
    .optional(),
  industryCode: z.string().trim().toUpperCase().regex(INDUSTRY_CODE_PATTERN, 'GB/T 4754 code such as C3670').nullable().optional(),
  aboveScale: z.boolean(),
  parkId: z.string().max(64).nullable().optional(),
  township: optionalText(50),
  address: optionalText(200),
  contactName: optionalText(50),
  contactPhone: optionalText(32),
  contactEmail: z.email().max(200).nullable().optional(),
});

/**
 * The register's identity and statistical fields: the county changes them (an enterprise admin's PATCH
 * naming any of them is refused with 403 FORBIDDEN); they are what the county's statistics, screens and the
 * direct-service queue read.
 */
export const ENTERPRISE_IDENTITY_FIELDS = ['name', 'creditCode', 'industryCode', 'aboveScale', 'parkId', 'township'] as const;
export type EnterpriseIdentityField = (typeof ENTERPRISE_IDENTITY_FIELDS)[number];
/** What an enterprise admin edits on its own profile. */
export const ENTERPRISE_SELF_FIELDS = ['address', 'contactName', 'contactPhone', 'contactEmail'] as const;

/**
 * The form two organisation names are compared in: NFKC (full-width letters, digits and brackets become
 * their ASCII forms), case-folded, with every whitespace and invisible format character (zero-width space,
 * BOM) removed, so that "县住建局 ", "县 住建局" and "ＡＢＣ" vs "abc" are the same name.
 */
export function normaliseOrganisationName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{Cf}]/gu, '');
}

export const enterpriseBody = enterpriseFields.extend({ aboveScale: z.boolean().default(false) });
export type EnterpriseBody = z.input<typeof enterpriseBody>;
/** Only the fields sent change: no defaults here, or an edit of one field would reset others. */
export const enterpriseUpdateBody = enterpriseFields.partial();

export const enterpriseView = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string().nullable(),
  /** false when the GB 32100-2015 check character does not match: a warning, the code is still stored. */
  creditCodeValid: z.boolean().nullable(),
  industryCode: z.string().nullable(),
  aboveScale: z.boolean(),
  parkId: z.string().nullable(),
  parkName: z.string().nullable(),
  township: z.string().nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnterpriseView = z.infer<typeof enterpriseView>;

/** Something the user should know that did not stop the save; `code` + `value` let the web say it in its language. */
export const registryWarning = z.object({
  code: z.enum(['CREDIT_CODE_CHECK', 'INDUSTRY_NOT_LISTED']),
  /** CREDIT_CODE_CHECK: the check character the code calls for; INDUSTRY_NOT_LISTED: the industry code. */
  value: z.string(),
  message: z.string(),
  /** The sheet row, for warnings of an import. */
  row: z.number().int().optional(),
});
export type RegistryWarning = z.infer<typeof registryWarning>;

export const enterpriseSaved = z.object({ enterprise: enterpriseView, warnings: z.array(registryWarning) });
export type EnterpriseSaved = z.infer<typeof enterpriseSaved>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const enterpriseListQuery = z.object({
  q: z.string().max(100).optional(),
  parkId: z.string().max(64).optional(),
  township: z.string().max(50).optional(),
  industry: z.string().max(10).optional(),
  aboveScale: booleanQuery.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuery>;

export const importResult = z.object({ created: z.number().int(), updated: z.number().int(), warnings: z.array(registryWarning) });
export type ImportResult = z.infer<typeof importResult>;

/** Column headers of the enterprise sheet, in order; import accepts the Chinese or the English header. */
export const ENTERPRISE_SHEET_COLUMNS = [
  { key: 'name', zh: '企业名称', en: 'Name' },
  { key: 'creditCode', zh: '统一社会信用代码', en: 'Credit code' },
  { key: 'industryCode', zh: '行业代码', en: 'Industry code' },
  { key: 'aboveScale', zh: '规上企业', en: 'Above scale' },
  { key: 'park', zh: '园区', en: 'Park' },
  { key: 'township', zh: '乡镇', en: 'Township' },
  { key: 'address', zh: '地址', en: 'Address' },
  { key: 'contactName', zh: '联系人', en: 'Contact' },
  { key: 'contactPhone', zh: '联系电话', en: 'Phone' },
  { key: 'contactEmail', zh: '邮箱', en: 'Email' },
] as const;

export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
