/**
 * Extra relationships for the fleet workload. Charter opens a sync socket only for a configured
 * relationship the user takes part in, and the REST API has no route that creates relationships
 * (companies sign them up out of band), so the bench creates them before the server starts, with
 * the server's own services on the same data directory: the account store for the records and
 * PlanService.configurePlan for the plan, i.e. the very path an admin's "configure" click takes,
 * through the document registry into LevelDB.
 */
import { buildApp } from '../../server/app.ts';
import { makeConfig, type Config } from '../../server/config.ts';
import { PlanService } from '../../server/accounts/plans.ts';

/** Demo members who take part in every fleet relationship (Company Admins Ada and Cara do by role). */
const FLEET_MEMBERS = ['u_ben', 'u_dan'];

const FLEET_VISION = 'Together we keep every shelf stocked, through one supply chain planned in the open.';

export function fleetRelationshipId(i: number): string {
  return `bench-fleet-${String(i).padStart(4, '0')}`;
}

/** Seeds the demo data into `dataDir`, then adds `count` configured Acme × Globex relationships. */
export async function provisionCharter(dataDir: string, count: number, storage: Partial<Config> = {}): Promise<void> {
  const app = await buildApp(makeConfig({ PORT: 0, DATA_DIR: dataDir, SEED: 'demo', LOG_LEVEL: 'silent', ...storage }));
  try {
    const store = app.storage.accounts;
    const plans = new PlanService(store, app.registry);
    const ada = await store.getUser('u_ada');
    if (!ada) throw new Error('the demo seed did not create u_ada');
    for (let i = 1; i <= count; i++) {
      const id = fleetRelationshipId(i);
      await store.putRelationship({
        id,
        name: `Bench fleet ${i}`,
        ownerCompanyId: 'acme',
        partyIds: ['acme', 'globex'],
        configuredAt: null,
      });
      for (const userId of FLEET_MEMBERS) await store.putParticipant({ relationshipId: id, userId, role: 'member' });
      // A written vision, as in the demo plan: clients type into its first paragraph's text.
      await plans.configurePlan(ada, id, undefined, { vision: [FLEET_VISION] });
    }
  } finally {
    await app.close();
  }
}
