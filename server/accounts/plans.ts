/**
 * Company Account Plan settings and configuring a relationship's plan from them.
 *
 * `configurePlan` is the only way a plan document comes to exist: the REST route and the demo
 * seed both call it, so the seeded plan is built exactly as an admin's would be.
 *
 * What must stay true: a relationship is marked configured only after its document was stored;
 * two concurrent configure calls for one relationship create one document (the second is 409).
 */
import type { AccountPlanSettingsInput } from '../../shared/apiTypes.ts';
import { ErrorCode } from '../../shared/closeCodes.ts';
import { buildInitialPlan, newId, type ActivityData, type InitialPlan } from '../../shared/schema.ts';
import { clash, denied, DocumentExistsError, invalid, missing } from '../errors.ts';
import { isActive, isArchived, isCompanyAdminOf } from './roles.ts';
import { StaleSettingsError, ifMatchAllows, settingsVersion, type VersionedSettings } from './settingsVersion.ts';
import type { AccountStore } from './store.ts';
import {
  EMPTY_SETTINGS,
  type AccountPlanSettings,
  type CatalogObjective,
  type PlanDocuments,
  type User,
} from './types.ts';

/** A settings body as the API receives it: catalog ids are optional for new entries. */
export type SettingsInput = AccountPlanSettingsInput;

/** Starting content beyond the owner's settings. The REST route passes none; the demo seed does. */
export interface PlanExtras {
  vision?: string[];
  /** Catalog id → due date (ISO date) of the objective created from it. */
  dueDates?: Record<string, string>;
  accountPlanProject?: { name?: string; description?: string; activities?: Array<Omit<ActivityData, 'id'>> };
}

export class PlanService {
  private readonly configuring = new Set<string>();
  /** Per company, the end of the chain of settings writes: a check and its write never interleave with another. */
  private readonly settingsWrites = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: AccountStore,
    private readonly docs: PlanDocuments,
  ) {}

  /** Any user of the company may read its settings (members see the catalog in plans anyway). */
  async getSettings(actor: User, companyId: string): Promise<AccountPlanSettings> {
    return (await this.getVersionedSettings(actor, companyId)).settings;
  }

  async getVersionedSettings(actor: User, companyId: string): Promise<VersionedSettings> {
    if (actor.companyId !== companyId) throw denied('These settings belong to another company.');
    return this.readSettings(companyId);
  }

  private async readSettings(companyId: string): Promise<VersionedSettings> {
    const settings = (await this.store.getSettings(companyId)) ?? { ...EMPTY_SETTINGS };
    return { settings, version: settingsVersion(settings) };
  }

  /** Replaces the settings, unconditionally. */
  async putSettings(actor: User, companyId: string, input: SettingsInput): Promise<AccountPlanSettings> {
    return (await this.putVersionedSettings(actor, companyId, input)).settings;
  }

  /**
   * Replaces the settings when `ifMatch` (an If-Match header) names the current version, or
   * when there is none (CONTRACT 4's PUT keeps working unconditionally). Throws
   * `StaleSettingsError`, having written nothing, otherwise.
   */
  async putVersionedSettings(
    actor: User,
    companyId: string,
    input: SettingsInput,
    ifMatch?: string,
  ): Promise<VersionedSettings> {
    if (!isCompanyAdminOf(actor, companyId))
      throw denied('Only a Company Admin of this company can change its settings.');
    const settings = this.settingsFrom(input);
    return this.serialiseSettingsWrite(companyId, async () => {
      if (ifMatch !== undefined) {
        const current = await this.readSettings(companyId);
        if (!ifMatchAllows(ifMatch, current.version)) throw new StaleSettingsError(current);
      }
      await this.store.putSettings(companyId, settings);
      return { settings, version: settingsVersion(settings) };
    });
  }

  private serialiseSettingsWrite<T>(companyId: string, write: () => Promise<T>): Promise<T> {
    const previous = this.settingsWrites.get(companyId) ?? Promise.resolve();
    const run = previous.then(write, write);
    const tail = run.catch(() => undefined);
    this.settingsWrites.set(companyId, tail);
    void tail.then(() => {
      if (this.settingsWrites.get(companyId) === tail) this.settingsWrites.delete(companyId);
    });
    return run;
  }

  /**
   * A catalog entry without an id is new and gets one; an entry keeps its id across edits, so
   * plans that copied it (objective `catalogId`) still point at it.
   */
  private settingsFrom(input: SettingsInput): AccountPlanSettings {
    const seen = new Set<string>();
    const objectives: CatalogObjective[] = input.objectives.map((o) => {
      const id = o.id ?? newId('cat');
      if (seen.has(id)) throw invalid(`Objective id "${id}" appears twice.`);
      seen.add(id);
      return { id, title: o.title, description: o.description, measure: { ...o.measure } };
    });
    const settings: AccountPlanSettings = {
      enabled: input.enabled,
      objectives,
      principles: [...input.principles],
      behaviours: [...input.behaviours],
    };
    return settings;
  }

  /**
   * Creates the relationship's plan document from the owner's settings: the chosen catalog
   * objectives (all of them when `objectiveIds` is absent), the whole principle and behaviour
   * libraries, and an Account Plan Project owned by the configuring admin.
   */
  async configurePlan(
    actor: User,
    relationshipId: string,
    objectiveIds?: string[],
    extras: PlanExtras = {},
  ): Promise<void> {
    const rel = await this.store.getRelationship(relationshipId);
    if (!rel) throw missing(`No relationship "${relationshipId}".`);
    if (!isCompanyAdminOf(actor, rel.ownerCompanyId)) {
      throw denied('Only a Company Admin of the owner company can configure this plan.');
    }
    if (!isActive(rel))
      throw clash(ErrorCode.RelationshipPending, 'The partner has not accepted this relationship yet.');
    if (isArchived(rel))
      throw clash(ErrorCode.RelationshipArchived, 'This relationship is archived: unarchive it first.');
    if (rel.configuredAt !== null || this.configuring.has(rel.id)) {
      throw clash(ErrorCode.AlreadyConfigured, 'This plan is already configured.');
    }
    const settings = await this.store.getSettings(rel.ownerCompanyId);
    if (!settings?.enabled) {
      throw clash(ErrorCode.AreaNotConfigured, 'Enable Account Plans in the company settings first.');
    }
    const chosen = chooseObjectives(settings.objectives, objectiveIds);
    const plan = initialPlan(rel.name, actor.id, settings, chosen, extras);

    this.configuring.add(rel.id);
    try {
      try {
        await this.docs.createDocument(rel.id, (doc) => buildInitialPlan(doc, plan));
      } catch (err) {
        // A document without the flag means an earlier attempt stored it and then stopped
        // (crash): record what is true instead of failing forever.
        if (!(err instanceof DocumentExistsError)) throw err;
        await this.store.putRelationship({ ...rel, configuredAt: new Date().toISOString() });
        throw clash(ErrorCode.AlreadyConfigured, 'This plan is already configured.');
      }
      await this.store.putRelationship({ ...rel, configuredAt: new Date().toISOString() });
    } finally {
      this.configuring.delete(rel.id);
    }
  }
}

function chooseObjectives(catalog: CatalogObjective[], ids: string[] | undefined): CatalogObjective[] {
  if (ids === undefined) return catalog;
  const byId = new Map(catalog.map((o) => [o.id, o]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) throw invalid(`Not in the owner's objective catalog: ${unknown.join(', ')}.`);
  return [...new Set(ids)].map((id) => byId.get(id)!);
}

function initialPlan(
  title: string,
  createdBy: string,
  settings: AccountPlanSettings,
  chosen: CatalogObjective[],
  extras: PlanExtras,
): InitialPlan {
  const app = extras.accountPlanProject ?? {};
  return {
    title,
    vision: extras.vision ?? [],
    objectives: chosen.map((o) => ({
      title: o.title,
      description: o.description,
      catalogId: o.id,
      measure: { ...o.measure },
      dueDate: extras.dueDates?.[o.id] ?? null,
      // What "customised" and "catalog updated" compare against later (shared/catalog.ts).
      catalogText: { title: o.title, description: o.description, measure: { ...o.measure } },
    })),
    principles: [...settings.principles],
    behaviours: [...settings.behaviours],
    accountPlanProject: {
      name: app.name ?? 'Account Plan Project',
      description: app.description ?? 'The joint work that carries this plan.',
      createdBy,
      owner: createdBy,
      activities: app.activities ?? [],
    },
  };
}
