// Organisation names compared as people read them: the county, a department and an enterprise may not share
// a name once both are normalised (shared's normaliseOrganisationName: NFKC, case, whitespace, invisible
// characters), or an enterprise could appear in the office's queue as "县住建局". The database's unique
// (kind, name) index sees neither other kinds nor variants, so every create and rename asks this index first.
import { normaliseOrganisationName, type OrganisationKind } from '@tiantai/shared';
import { AppError } from '../../http/errors';
import * as repo from './registry.repository';
import type { RegistryDb } from './registry.repository';

export interface NamedOrganisation {
  id: string;
  kind: OrganisationKind;
  name: string;
}

const KIND_WORDS: Record<OrganisationKind, string> = { county: 'the county', department: 'department', enterprise: 'enterprise' };

/** Every organisation's name, keyed by its normalised form; loaded once per write (or once per import). */
export class OrganisationNames {
  private readonly byKey = new Map<string, NamedOrganisation[]>();
  private readonly keyOf = new Map<string, string>();

  private constructor(rows: NamedOrganisation[]) {
    for (const row of rows) this.add(row);
  }

  static async load(db: RegistryDb): Promise<OrganisationNames> {
    return new OrganisationNames(await repo.listOrganisationNames(db));
  }

  /** Another organisation (not `exceptId`) whose name is the same as `name` once both are normalised. */
  holderOf(name: string, exceptId?: string): NamedOrganisation | undefined {
    return this.byKey.get(normaliseOrganisationName(name))?.find((o) => o.id !== exceptId);
  }

  /** The enterprise whose name is `name`, compared normalised: how an imported row finds its enterprise. */
  enterpriseNamed(name: string): NamedOrganisation | undefined {
    return this.byKey.get(normaliseOrganisationName(name))?.find((o) => o.kind === 'enterprise');
  }

  /** 409 DUPLICATE when another organisation already holds the name (or a variant of it). */
  assertFree(name: string, exceptId?: string): void {
    const holder = this.holderOf(name, exceptId);
    if (holder) throw new AppError(409, 'DUPLICATE', takenMessage(name, holder), { field: 'name', holderKind: holder.kind });
  }

  /** Records a created or renamed organisation, so later rows of the same import see it. */
  set(organisation: NamedOrganisation): void {
    const oldKey = this.keyOf.get(organisation.id);
    if (oldKey !== undefined) {
      const kept = (this.byKey.get(oldKey) ?? []).filter((o) => o.id !== organisation.id);
      if (kept.length === 0) this.byKey.delete(oldKey);
      else this.byKey.set(oldKey, kept);
    }
    this.add(organisation);
  }

  private add(organisation: NamedOrganisation): void {
    const key = normaliseOrganisationName(organisation.name);
    this.keyOf.set(organisation.id, key);
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), organisation]);
  }
}

export function takenMessage(name: string, holder: NamedOrganisation): string {
  return `The name "${name}" is already used by ${KIND_WORDS[holder.kind]} "${holder.name}" (names are compared ignoring case, spaces and full-width forms)`;
}
