import { z } from 'zod';
import { isCommonPassword } from './common-passwords';

export const ORGANISATION_KINDS = ['county', 'department', 'enterprise'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = [
  'county_admin',
  'service_officer',
  'county_viewer',
  'department_handler',
  'enterprise_admin',
  'enterprise_member',
] as const;
export type Role = (typeof ROLES)[number];

/** Which organisation kind each role belongs to: a user's role must match its organisation. */
export const ROLE_ORGANISATION_KIND: Record<Role, OrganisationKind> = {
  county_admin: 'county',
  service_officer: 'county',
  county_viewer: 'county',
  department_handler: 'department',
  enterprise_admin: 'enterprise',
  enterprise_member: 'enterprise',
};

export const COUNTY_ROLES: readonly Role[] = ['county_admin', 'service_officer', 'county_viewer'];

/** Who is acting: every service call takes one and scopes its queries by it. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  organisationId: string;
  organisationKind: OrganisationKind;
  /** How the request was authenticated: cookie writes need a CSRF token, API tokens do not. */
  via: 'session' | 'api_token';
}

const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, _ . - only');
const password = z
  .string()
  .min(8)
  .max(200)
  .refine((value) => !isCommonPassword(value), 'one of the commonest passwords; choose a less guessable one');

export const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: password });
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  organisationId: z.string(),
  organisationName: z.string(),
  organisationKind: z.enum(ORGANISATION_KINDS),
  phone: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

export const sessionView = z.object({
  user: userView,
  csrfToken: z.string(),
  /** Every request but changing the password (and signing out) is refused until it is changed. */
  mustChangePassword: z.boolean(),
  /** The county's IANA time zone (COUNTY_TIME_ZONE): the web shows every time and counts every day on its clock. */
  timeZone: z.string(),
});
export type SessionView = z.infer<typeof sessionView>;

export const createUserBody = z.object({
  username,
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  organisationId: z.string().min(1).max(64),
  phone: z.string().trim().max(32).nullable().optional(),
  password,
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    phone: z.string().trim().max(32).nullable(),
    active: z.boolean(),
    password,
  })
  .partial();
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const userListQuery = z.object({
  q: z.string().max(100).optional(),
  organisationId: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type UserListQuery = z.infer<typeof userListQuery>;

export const organisationView = z.object({ id: z.string(), kind: z.enum(ORGANISATION_KINDS), name: z.string() });
export type OrganisationView = z.infer<typeof organisationView>;

/** 'full': every right of its user; 'read': reads only. */
export const API_TOKEN_SCOPES = ['full', 'read'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];
/** The longest an expiring API token may live. */
export const API_TOKEN_MAX_DAYS = 366;

export const apiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** After this instant the token answers 401 like an unknown one; null: until revoked. */
  expiresAt: z.string().nullable(),
  scope: z.enum(API_TOKEN_SCOPES),
});
export type ApiTokenView = z.infer<typeof apiTokenView>;

export const createApiTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  /** ISO-8601 instant in the future, at most a year away; absent: until revoked. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  /** 'read': GET and HEAD only (anything else answers 403 TOKEN_READ_ONLY). */
  scope: z.enum(API_TOKEN_SCOPES).default('full'),
});
export type CreateApiTokenBody = z.infer<typeof createApiTokenBody>;
/** The secret is shown once, at creation. */
export const createdApiToken = apiTokenView.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiToken>;

export const auditEntryView = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  organisationId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditListQuery = z.object({
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
