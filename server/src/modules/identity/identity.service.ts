import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  COUNTY_ROLES,
  ROLE_ORGANISATION_KIND,
  type Actor,
  API_TOKEN_MAX_DAYS,
  type ApiTokenView,
  type AuditEntryView,
  type CreateApiTokenBody,
  type ChangePasswordBody,
  type CreateUserBody,
  type CreatedApiToken,
  type LoginBody,
  type OrganisationKind,
  type OrganisationView,
  type Paged,
  type Role,
  type SessionView,
  type UpdateUserBody,
  type UserListQuery,
  type UserView,
} from '@tiantai/shared';
import { withTablesOf } from '../../db/connection';
import { requirePermission } from '../../http/access';
import { AppError, forbidden, notFound } from '../../http/errors';
import type { ResolvedActor } from '../../http/auth';
import type { Kysely } from 'kysely';
import type { IdentityDb, UserRow } from './identity.repository';
import type { IdentityTables } from './identity.tables';
import * as repo from './identity.repository';
import { LoginThrottle, type LoginThrottleOptions, type ThrottleVerdict } from './login-throttle';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password';

/** Any connection or transaction whose database includes the identity tables. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const nowIso = () => new Date().toISOString();
const API_TOKEN_PREFIX = 'tt_';

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationKind: row.organisation_kind,
    phone: row.phone,
    active: row.active === 1,
    createdAt: row.created_at,
  };
}

/** What an audit row keeps of a user: never the password hash. */
function auditableUser(row: UserRow) {
  const { password_hash: _hash, organisation_name: _name, organisation_kind: _kind, ...rest } = row;
  return rest;
}

export interface AuditInput {
  action: string;
  entity: string;
  entityId: string;
  /** The tenant the record belongs to, so an enterprise admin can read its own trail. */
  organisationId: string | null;
  before?: unknown;
  after?: unknown;
}

/** One row per write: who, what, when, before and after. Call it inside the write's transaction. */
export async function recordAudit(db: AnyDb, actor: Actor | null, input: AuditInput): Promise<void> {
  await repo.insertAuditEntry(withTablesOf<IdentityTables>(db), {
    id: randomUUID(),
    at: nowIso(),
    actor_user_id: actor?.userId ?? null,
    actor_username: actor?.username ?? null,
    organisation_id: input.organisationId,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId,
    before: input.before === undefined || input.before === null ? null : JSON.stringify(input.before),
    after: input.after === undefined || input.after === null ? null : JSON.stringify(input.after),
  });
}

export async function createOrganisation(db: AnyDb, kind: OrganisationKind, name: string, id: string = randomUUID()): Promise<string> {
  await repo.insertOrganisation(withTablesOf<IdentityTables>(db), { id, kind, name, created_at: nowIso() });
  return id;
}

export async function renameOrganisation(db: AnyDb, id: string, name: string): Promise<void> {
  await repo.renameOrganisation(withTablesOf<IdentityTables>(db), id, name);
}

export async function claimAppState(db: AnyDb, key: string, value: string): Promise<boolean> {
  return repo.claimAppState(withTablesOf<IdentityTables>(db), key, value, nowIso());
}

// ---- sessions and login ----

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  user: UserView;
  expiresAt: Date;
  mustChangePassword: boolean;
}

/** What a user who must choose a new password may still do: see the session, change it, sign out. */
const PASSWORD_CHANGE_ROUTES = ['/api/auth/session', '/api/auth/password', '/api/auth/logout'];

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6: a client on this machine. */
export function isLoopback(ip: string): boolean {
  return ip === '::1' || /^(::ffff:)?127\./.test(ip);
}

export interface IdentityOptions {
  db: IdentityDb;
  sessionDays: number;
  /** A password everyone knows (the demo's published one): accepted only from this machine, never chosen anew. */
  localOnlyPassword?: string | undefined;
  /** Tests: smaller limits than DEFAULT_LOGIN_THROTTLE, and a clock of their own. */
  throttle?: Partial<LoginThrottleOptions>;
  now?: () => number;
}

/** The entity id of a sign-in audit row for a username that names no user. */
const UNKNOWN_USER = 'unknown';

/** What the throttle's refusal answers: 429 with the wait (routes copy it into Retry-After). */
function throttled(verdict: ThrottleVerdict): AppError {
  const seconds = Math.max(1, Math.ceil(verdict.waitMs / 1000));
  const wait = seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
  return new AppError(429, 'RATE_LIMITED', `Too many wrong passwords; try again in ${wait}`, { retryAfterSeconds: seconds });
}

export class IdentityService {
  /**
   * Wrong passwords slow down their (username, address) and fill their address's bucket; neither locks an
   * account for anyone else (login-throttle.ts). Shared by sign-in and password change.
   */
  private readonly throttle: LoginThrottle;

  private readonly db: IdentityDb;
  private readonly sessionDays: number;
  private readonly localOnlyPassword: string | undefined;

  constructor(options: IdentityOptions) {
    this.db = options.db;
    this.sessionDays = options.sessionDays;
    this.localOnlyPassword = options.localOnlyPassword;
    this.throttle = new LoginThrottle(options.throttle, options.now);
  }

  async login(body: LoginBody, clientIp: string): Promise<LoginResult> {
    const username = body.username.trim().toLowerCase();
    const refusal = this.throttle.begin(username, clientIp);
    if (refusal) {
      // One row per throttled stretch, not per refused request: a refusal costs the client nothing to repeat.
      if (refusal.firstRefusal) {
        const target = await repo.findUserByUsername(this.db, username);
        await this.auditSignIn('login_throttled', target, {
          username,
          address: clientIp,
          limit: refusal.limit,
          retryAfterSeconds: Math.ceil(refusal.waitMs / 1000),
        });
      }
      throw throttled(refusal);
    }
    const user = await repo.findUserByUsername(this.db, username);
    const ok = await verifyPassword(body.password, user?.password_hash ?? (await dummyHash()));
    if (!user || !ok || user.active !== 1) {
      const reason = !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive';
      await this.auditSignIn('login_failed', user, { username, address: clientIp, reason });
      throw new AppError(401, 'INVALID_CREDENTIALS', 'Wrong username or password');
    }
    this.throttle.succeeded(username, clientIp);
    if (body.password === this.localOnlyPassword && !isLoopback(clientIp)) {
      throw new AppError(
        403,
        'PASSWORD_LOCAL_ONLY',
        'The published demo password works only on the machine that runs Tiantai; its operator sets DEMO_PASSWORD for other machines',
      );
    }

    const sessionToken = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + this.sessionDays * 86_400_000);
    const actor = actorOf({ ...user, user_id: user.id }, 'session');
    // A hash from before the cost was raised is replaced now, while the password is at hand.
    const rehashed = needsRehash(user.password_hash) ? await hashPassword(body.password) : null;
    await this.db.transaction().execute(async (trx) => {
      if (rehashed) {
        await repo.updateUser(trx, user.id, { password_hash: rehashed });
        await recordAudit(trx, actor, {
          action: 'rehash_password',
          entity: 'user',
          entityId: user.id,
          organisationId: user.organisation_id,
        });
      }
      await repo.deleteExpiredSessions(trx, nowIso());
      await repo.insertSession(trx, {
        id: sha256(sessionToken),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: nowIso(),
        expires_at: expiresAt.toISOString(),
      });
      await recordAudit(trx, actor, { action: 'login', entity: 'session', entityId: user.id, organisationId: user.organisation_id });
    });
    return { sessionToken, csrfToken, user: toUserView(user), expiresAt, mustChangePassword: user.must_change_password === 1 };
  }

  /**
   * A failed or throttled sign-in, by no one (the client proved no identity): the username tried and the
   * address, never the password. Under the user's organisation when the username names one, so its admin sees it.
   */
  private async auditSignIn(action: 'login_failed' | 'login_throttled', user: UserRow | undefined, attempt: Record<string, unknown>) {
    await recordAudit(this.db, null, {
      action,
      entity: 'session',
      entityId: user?.id ?? UNKNOWN_USER,
      organisationId: user?.organisation_id ?? null,
      after: attempt,
    });
  }

  async logout(actor: Actor, sessionToken: string | undefined): Promise<void> {
    if (!sessionToken) return;
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteSession(trx, sha256(sessionToken));
      await recordAudit(trx, actor, { action: 'logout', entity: 'session', entityId: actor.userId, organisationId: actor.organisationId });
    });
  }

  /** Resolves a Bearer API token first, then the session cookie. */
  async resolve(authorization: string | undefined, sessionToken: string | undefined): Promise<ResolvedActor | null> {
    const now = nowIso();
    if (authorization?.startsWith('Bearer ')) {
      const token = authorization.slice('Bearer '.length).trim();
      const row = await repo.findLiveApiToken(this.db, sha256(token), now);
      if (!row) throw new AppError(401, 'UNAUTHENTICATED', 'Unknown, expired or revoked API token');
      // Recording use at most once a minute keeps reads from turning into writes.
      if (!row.last_used_at || Date.parse(row.last_used_at) < Date.now() - 60_000) await repo.touchApiToken(this.db, row.token_id, now);
      return { actor: actorOf(row, 'api_token'), ...restriction(row), ...(row.scope === 'read' && { readOnly: true }) };
    }
    if (!sessionToken) return null;
    const row = await repo.findLiveSession(this.db, sha256(sessionToken), now);
    if (!row) return null;
    return { actor: actorOf(row, 'session'), csrfToken: row.csrf_token, ...restriction(row) };
  }

  async sessionView(actor: Actor, sessionToken: string | undefined): Promise<Omit<SessionView, 'timeZone'>> {
    const user = await repo.findUserById(this.db, actor.userId);
    if (!user) throw new AppError(401, 'UNAUTHENTICATED', 'Session ended');
    const session = sessionToken ? await repo.findLiveSession(this.db, sha256(sessionToken), nowIso()) : undefined;
    return { user: toUserView(user), csrfToken: session?.csrf_token ?? '', mustChangePassword: user.must_change_password === 1 };
  }

  async changePassword(actor: Actor, body: ChangePasswordBody, sessionToken: string | undefined, clientIp: string): Promise<void> {
    const user = await repo.findUserById(this.db, actor.userId);
    if (!user) throw notFound('User');
    // A stolen session must not become a way to guess the password: the sign-in throttle counts these too.
    const audit = (action: string, after: Record<string, unknown>) =>
      recordAudit(this.db, actor, { action, entity: 'user', entityId: user.id, organisationId: user.organisation_id, after });
    const refusal = this.throttle.begin(user.username, clientIp);
    if (refusal) {
      if (refusal.firstRefusal)
        await audit('change_password_throttled', {
          address: clientIp,
          limit: refusal.limit,
          retryAfterSeconds: Math.ceil(refusal.waitMs / 1000),
        });
      throw throttled(refusal);
    }
    if (!(await verifyPassword(body.currentPassword, user.password_hash))) {
      await audit('change_password_failed', { address: clientIp, reason: 'wrong_password' });
      throw new AppError(400, 'INVALID_CREDENTIALS', 'The current password is wrong');
    }
    this.throttle.succeeded(user.username, clientIp);
    if (body.newPassword === body.currentPassword || body.newPassword === this.localOnlyPassword) {
      throw new AppError(400, 'VALIDATION_FAILED', 'Choose a new password, not the current or a published one', { field: 'newPassword' });
    }
    const passwordHash = await hashPassword(body.newPassword);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, user.id, { password_hash: passwordHash, must_change_password: 0, updated_at: nowIso() });
      // Other browsers logged in as this user are signed out; this one stays.
      await repo.deleteSessionsOfUser(trx, user.id, sessionToken ? sha256(sessionToken) : undefined);
      // API tokens were made under the old password: they end with it (a new one is one click away).
      await revokeTokensOf(trx, actor, user, 'password_changed');
      await recordAudit(trx, actor, { action: 'change_password', entity: 'user', entityId: user.id, organisationId: user.organisation_id });
    });
  }

  // ---- organisations and users ----

  async listOrganisations(actor: Actor, kind: OrganisationKind | undefined): Promise<OrganisationView[]> {
    if (actor.organisationKind === 'enterprise') return repo.listOrganisations(this.db, { kind, id: actor.organisationId });
    return repo.listOrganisations(this.db, { kind });
  }

  async listUsers(actor: Actor, query: UserListQuery): Promise<Paged<UserView>> {
    const organisationId = this.userAdminScope(actor) ?? query.organisationId;
    if (actor.role === 'enterprise_admin' && query.organisationId && query.organisationId !== actor.organisationId) {
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    }
    const { rows, total } = await repo.listUsers(this.db, { q: query.q, organisationId, page: query.page, pageSize: query.pageSize });
    return { items: rows.map(toUserView), total, page: query.page, pageSize: query.pageSize };
  }

  async getUser(actor: Actor, id: string): Promise<UserView> {
    const user = await repo.findUserById(this.db, id);
    if (!user || (id !== actor.userId && !this.mayAdminister(actor, user.organisation_id))) throw notFound('User');
    return toUserView(user);
  }

  async createUser(actor: Actor, body: CreateUserBody): Promise<UserView> {
    this.userAdminScope(actor);
    const organisation = await repo.findOrganisation(this.db, body.organisationId);
    if (!organisation || !this.mayAdminister(actor, organisation.id)) throw notFound('Organisation');
    this.checkRoleFits(actor, body.role, organisation.kind);
    const id = randomUUID();
    const now = nowIso();
    const passwordHash = await hashPassword(body.password);
    return this.db.transaction().execute(async (trx) => {
      if (await repo.findUserByUsername(trx, body.username))
        throw new AppError(409, 'DUPLICATE', `Username ${body.username} is taken`, { field: 'username' });
      await repo.insertUser(trx, {
        id,
        organisation_id: organisation.id,
        username: body.username.toLowerCase(),
        display_name: body.displayName,
        role: body.role,
        phone: body.phone ?? null,
        password_hash: passwordHash,
        active: 1,
        // The administrator chose this password: its user replaces it at the first sign-in.
        must_change_password: 1,
        created_at: now,
        updated_at: now,
      });
      const created = await repo.findUserById(trx, id);
      if (!created) throw new Error('user vanished after insert');
      await recordAudit(trx, actor, {
        action: 'create',
        entity: 'user',
        entityId: id,
        organisationId: organisation.id,
        after: auditableUser(created),
      });
      return toUserView(created);
    });
  }

  async updateUser(actor: Actor, id: string, body: UpdateUserBody): Promise<UserView> {
    this.userAdminScope(actor);
    const before = await repo.findUserById(this.db, id);
    if (!before || !this.mayAdminister(actor, before.organisation_id)) throw notFound('User');
    if (body.role) this.checkRoleFits(actor, body.role, before.organisation_kind);
    if (id === actor.userId && (body.active === false || (body.role && body.role !== actor.role))) {
      throw new AppError(409, 'CONFLICT', 'You cannot deactivate yourself or change your own role');
    }
    const passwordHash = body.password ? await hashPassword(body.password) : undefined;
    return this.db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, id, {
        ...(body.displayName !== undefined && { display_name: body.displayName }),
        ...(body.role !== undefined && { role: body.role }),
        ...(body.phone !== undefined && { phone: body.phone }),
        ...(body.active !== undefined && { active: body.active ? 1 : 0 }),
        // A password an administrator set is known to two people: its user replaces it at the next sign-in.
        ...(passwordHash !== undefined && { password_hash: passwordHash, must_change_password: id === actor.userId ? 0 : 1 }),
        updated_at: nowIso(),
      });
      if (body.active === false || passwordHash) {
        await repo.deleteSessionsOfUser(trx, id);
        await revokeTokensOf(trx, actor, before, body.active === false ? 'deactivated' : 'password_reset');
      }
      const after = await repo.findUserById(trx, id);
      if (!after) throw new Error('user vanished after update');
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'user',
        entityId: id,
        organisationId: after.organisation_id,
        before: auditableUser(before),
        after: auditableUser(after),
      });
      return toUserView(after);
    });
  }

  /** County admins administer everyone; an enterprise admin only its own enterprise (the scope returned). */
  private userAdminScope(actor: Actor): string | undefined {
    requirePermission(actor, 'users.manage', 'Only administrators manage users');
    return actor.organisationKind === 'enterprise' ? actor.organisationId : undefined;
  }

  private mayAdminister(actor: Actor, organisationId: string): boolean {
    if (actor.role === 'county_admin') return true;
    return actor.role === 'enterprise_admin' && organisationId === actor.organisationId;
  }

  private checkRoleFits(actor: Actor, role: Role, organisationKind: OrganisationKind): void {
    if (ROLE_ORGANISATION_KIND[role] !== organisationKind) {
      throw new AppError(400, 'VALIDATION_FAILED', `Role ${role} does not belong to a ${organisationKind} organisation`);
    }
    if (actor.role === 'enterprise_admin' && COUNTY_ROLES.includes(role)) throw forbidden();
  }

  // ---- API tokens ----

  async listApiTokens(actor: Actor): Promise<ApiTokenView[]> {
    const rows = await repo.listApiTokens(this.db, actor.userId);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      expiresAt: r.expires_at,
      scope: r.scope,
    }));
  }

  async createApiToken(actor: Actor, body: CreateApiTokenBody): Promise<CreatedApiToken> {
    const { name, scope } = body;
    let expiresAt: string | null = null;
    if (body.expiresAt !== undefined) {
      const at = Date.parse(body.expiresAt);
      if (!(at > Date.now()) || at > Date.now() + API_TOKEN_MAX_DAYS * 86_400_000)
        throw new AppError(400, 'VALIDATION_FAILED', `expiresAt must lie in the future, at most ${API_TOKEN_MAX_DAYS} days away`, {
          field: 'expiresAt',
        });
      expiresAt = new Date(at).toISOString();
    }
    const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const id = randomUUID();
    const now = nowIso();
    const prefix = token.slice(0, 10);
    await this.db.transaction().execute(async (trx) => {
      await repo.insertApiToken(trx, {
        id,
        user_id: actor.userId,
        name,
        prefix,
        token_hash: sha256(token),
        created_at: now,
        last_used_at: null,
        revoked_at: null,
        expires_at: expiresAt,
        scope,
      });
      await recordAudit(trx, actor, {
        action: 'create',
        entity: 'api_token',
        entityId: id,
        organisationId: actor.organisationId,
        after: { name, prefix, scope, expiresAt },
      });
    });
    return { id, name, prefix, createdAt: now, lastUsedAt: null, expiresAt, scope, token };
  }

  async revokeApiToken(actor: Actor, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.revokeApiToken(trx, actor.userId, id, nowIso()))) throw notFound('API token');
      await recordAudit(trx, actor, { action: 'revoke', entity: 'api_token', entityId: id, organisationId: actor.organisationId });
    });
  }

  // ---- audit ----

  async listAudit(
    actor: Actor,
    query: { entity?: string | undefined; entityId?: string | undefined; page: number; pageSize: number },
  ): Promise<Paged<AuditEntryView>> {
    requirePermission(actor, 'audit.query', 'Only administrators read the audit log');
    const organisationId = actor.role === 'enterprise_admin' ? actor.organisationId : undefined;
    const { rows, total } = await repo.listAuditEntries(this.db, { ...query, organisationId });
    const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorUserId: r.actor_user_id,
        actorUsername: r.actor_username,
        organisationId: r.organisation_id,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: parse(r.before),
        after: parse(r.after),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}

/** Ends every API token of a user whose password changed or who lost access: one audit row per token. */
async function revokeTokensOf(
  trx: IdentityDb,
  actor: Actor,
  user: { id: string; organisation_id: string },
  reason: 'password_changed' | 'password_reset' | 'deactivated',
): Promise<void> {
  for (const id of await repo.revokeApiTokensOfUser(trx, user.id, nowIso())) {
    await recordAudit(trx, actor, {
      action: 'revoke',
      entity: 'api_token',
      entityId: id,
      organisationId: user.organisation_id,
      after: { reason },
    });
  }
}

function restriction(row: { must_change_password: number }): { restrictedTo?: string[] } {
  return row.must_change_password === 1 ? { restrictedTo: PASSWORD_CHANGE_ROUTES } : {};
}

interface ActorRow {
  user_id: string;
  username: string;
  role: Role;
  organisation_id: string;
  organisation_kind: OrganisationKind;
}

function actorOf(row: ActorRow, via: Actor['via']): Actor {
  return {
    userId: row.user_id,
    username: row.username,
    role: row.role,
    organisationId: row.organisation_id,
    organisationKind: row.organisation_kind,
    via,
  };
}

/** Creates a user without an acting user: demo data and first-run set-up. */
export async function provisionUser(
  db: AnyDb,
  input: {
    organisationId: string;
    username: string;
    displayName: string;
    role: Role;
    password: string;
    phone?: string | null;
    mustChangePassword?: boolean;
  },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await repo.insertUser(withTablesOf<IdentityTables>(db), {
    id,
    organisation_id: input.organisationId,
    username: input.username.toLowerCase(),
    display_name: input.displayName,
    role: input.role,
    phone: input.phone ?? null,
    password_hash: await hashPassword(input.password),
    active: 1,
    must_change_password: input.mustChangePassword ? 1 : 0,
    created_at: now,
    updated_at: now,
  });
  return id;
}

/** Sets the password of the named users that exist (the demo accounts under DEMO_PASSWORD); returns how many. */
export async function setPasswords(db: AnyDb, usernames: string[], password: string): Promise<number> {
  const passwordHash = await hashPassword(password);
  return repo.setPasswordHashes(withTablesOf<IdentityTables>(db), usernames, passwordHash, nowIso());
}

/**
 * Without demo data a fresh install still needs one way in: a county admin, created once when no user
 * exists, with the given password or a generated one that the caller prints.
 */
export async function bootstrapCountyAdmin(
  db: AnyDb,
  password: string | undefined,
): Promise<{ username: string; password: string } | null> {
  return withTablesOf<IdentityTables>(db)
    .transaction()
    .execute(async (trx) => {
      if (!(await repo.claimAppState(trx, 'bootstrap_admin', 'admin', nowIso()))) return null;
      const existing = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
      if (existing) return null;
      const secret = password ?? randomBytes(12).toString('base64url');
      const organisationId = await createOrganisation(trx, 'county', '县级管理');
      await provisionUser(trx, {
        organisationId,
        username: 'admin',
        displayName: 'Administrator',
        role: 'county_admin',
        password: secret,
        mustChangePassword: true,
      });
      return { username: 'admin', password: secret };
    });
}
