/**
 * The demo data of CONTRACT 3, written on an empty store when SEED=demo. Ids are stable so that
 * tests, docs and bookmarks can name them. The acme-globex plan is configured through
 * `PlanService.configurePlan` as Ada, exactly as an admin would from the UI.
 */
import { hashPassword } from './passwords.ts';
import { ErrorCode } from '../../shared/closeCodes.ts';
import { personColor } from '../../shared/presence.ts';
import { DomainError } from '../errors.ts';
import type { PlanExtras, PlanService } from './plans.ts';
import type { AccountStore } from './store.ts';
import type { AccountPlanSettings, Company, CompanyRole, ParticipantRole, User } from './types.ts';

/** Published in CONTRACT 3; the sign-in page may offer it for one-click demo sign-in. */
export const DEMO_PASSWORD = 'demo-password';

export const DEMO_COMPANIES: Company[] = [
  { id: 'acme', name: 'Acme Retail' },
  { id: 'globex', name: 'Globex Supply' },
  { id: 'initech', name: 'Initech' },
];

export const DEMO_USERS: Array<Omit<User, 'password'>> = [
  { id: 'u_ada', email: 'ada@acme.example', name: 'Ada Lovelace', companyId: 'acme', companyRole: 'admin' },
  { id: 'u_ben', email: 'ben@acme.example', name: 'Ben Okafor', companyId: 'acme', companyRole: 'member' },
  { id: 'u_cara', email: 'cara@globex.example', name: 'Cara Jensen', companyId: 'globex', companyRole: 'admin' },
  { id: 'u_dan', email: 'dan@globex.example', name: 'Dan Moreau', companyId: 'globex', companyRole: 'member' },
  { id: 'u_vic', email: 'vic@globex.example', name: 'Vic Tanaka', companyId: 'globex', companyRole: 'member' },
  { id: 'u_ivy', email: 'ivy@initech.example', name: 'Ivy Chen', companyId: 'initech', companyRole: 'admin' },
  { id: 'u_eve', email: 'eve@initech.example', name: 'Eve Park', companyId: 'initech', companyRole: 'member' },
];

const RELATIONSHIPS = [
  {
    id: 'acme-globex',
    name: 'Acme Retail × Globex Supply',
    ownerCompanyId: 'acme',
    partyIds: ['acme', 'globex'] as [string, string],
  },
  {
    id: 'initech-globex',
    name: 'Initech × Globex Supply',
    ownerCompanyId: 'initech',
    partyIds: ['initech', 'globex'] as [string, string],
  },
];

/** Explicit roles; Company Admins (Ada, Cara, Ivy) are admin by their company role. */
const PARTICIPANTS: Array<[relationshipId: string, userId: string, role: ParticipantRole]> = [
  ['acme-globex', 'u_ben', 'member'],
  ['acme-globex', 'u_dan', 'member'],
  ['acme-globex', 'u_vic', 'viewer'],
  ['initech-globex', 'u_dan', 'member'],
  ['initech-globex', 'u_eve', 'member'],
];

const ACME_SETTINGS: AccountPlanSettings = {
  enabled: true,
  objectives: [
    {
      id: 'cat_otif',
      title: 'Raise on-time, in-full delivery',
      description: 'Orders that reach our distribution centres complete and inside the booked slot.',
      measure: { unit: '%', baseline: 82, target: 95, direction: 'increase' },
    },
    {
      id: 'cat_stockouts',
      title: 'Cut shelf stock-outs on fast movers',
      description: 'Share of the top 500 products out of stock in stores at opening time.',
      measure: { unit: '% of SKUs', baseline: 6.5, target: 3, direction: 'decrease' },
    },
    {
      id: 'cat_leadtime',
      title: 'Shorten replenishment lead time',
      description: 'Days from a purchase order to goods received at the distribution centre.',
      measure: { unit: 'days', baseline: 12, target: 8, direction: 'decrease' },
    },
    {
      id: 'cat_packaging',
      title: 'Move to recyclable transit packaging',
      description: 'Share of inbound volume shipped in recyclable or returnable packaging.',
      measure: { unit: '% of volume', baseline: 40, target: 90, direction: 'increase' },
    },
  ],
  principles: [
    'We share forecasts and problems early, even when they are unfinished.',
    'Decisions that affect both companies are made together and written down.',
  ],
  behaviours: [
    'Raise a supply risk with the other side within one working day of spotting it.',
    'Review the joint scorecard together every month, with both teams in the room.',
  ],
};

/** Prepared but not enabled: Ivy enables it before configuring initech-globex. */
const INITECH_SETTINGS: AccountPlanSettings = {
  enabled: false,
  objectives: [
    {
      id: 'cat_fill_rate',
      title: 'Improve order fill rate',
      description: 'Order lines delivered in full on the first shipment.',
      measure: { unit: '%', baseline: 90, target: 98, direction: 'increase' },
    },
    {
      id: 'cat_invoice_errors',
      title: 'Reduce invoice disputes',
      description: 'Invoices disputed per month.',
      measure: { unit: 'disputes', baseline: 25, target: 5, direction: 'decrease' },
    },
  ],
  principles: ['One shared version of the numbers.'],
  behaviours: ['Answer the other side’s questions within two working days.'],
};

/** The acme-globex plan's content beyond Acme's settings: what a team would write in week one. */
const DEMO_PLAN: PlanExtras = {
  vision: [
    'Together, Acme Retail and Globex Supply keep every shelf stocked with what shoppers want, ' +
      'through one supply chain planned in the open, measured the same way on both sides, and ' +
      'improved every month.',
  ],
  dueDates: { cat_otif: '2027-06-30', cat_stockouts: '2027-03-31', cat_leadtime: '2027-09-30' },
  accountPlanProject: {
    name: 'Account Plan Project',
    description: 'The joint work that carries this plan.',
    activities: [
      {
        title: 'Agree one on-time, in-full definition and data source',
        done: true,
        assignee: 'u_ada',
        dueDate: '2026-11-13',
      },
      { title: 'Run the first monthly joint scorecard review', done: false, assignee: 'u_cara', dueDate: '2027-01-15' },
    ],
  },
};

/**
 * Companies are written last: the store counts as seeded once one exists, so a seed interrupted
 * earlier runs again in full on the next start (every step is an idempotent put, and a plan
 * document that was already stored is recognised by configurePlan).
 */
export async function seedDemo(store: AccountStore, plans: PlanService): Promise<void> {
  // One hash per user: every user gets their own salt even with a shared demo password.
  const hashed = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  for (const [i, u] of DEMO_USERS.entries()) await store.putUser({ ...u, password: hashed[i] });
  for (const r of RELATIONSHIPS) await store.putRelationship({ ...r, configuredAt: null });
  for (const [relationshipId, userId, role] of PARTICIPANTS)
    await store.putParticipant({ relationshipId, userId, role });
  await store.putSettings('acme', ACME_SETTINGS);
  await store.putSettings('initech', INITECH_SETTINGS);

  const ada = (await store.getUser('u_ada'))!;
  await plans
    .configurePlan(ada, 'acme-globex', ['cat_otif', 'cat_stockouts', 'cat_leadtime'], DEMO_PLAN)
    .catch((err) => {
      if (!(err instanceof DomainError && err.code === ErrorCode.AlreadyConfigured)) throw err;
    });
  for (const c of DEMO_COMPANIES) await store.putCompany(c);
}

export interface DemoAccount {
  id: string;
  email: string;
  name: string;
  companyName: string;
  /** The company role. */
  role: CompanyRole;
  /** What the person is, in words: "Company Admin", or their role in the plans ("Member", "Viewer"). */
  description: string;
  /** Their one colour (shared/presence.ts), as the header and presence show it. */
  color: string;
}

const ROLE_WORDS: Record<ParticipantRole, string> = { admin: 'Admin', member: 'Member', viewer: 'Viewer' };

/** "Company Admin"; else the person's roles in the demo plans, e.g. "Viewer" or "Member". */
function demoDescription(u: (typeof DEMO_USERS)[number]): string {
  if (u.companyRole === 'admin') return 'Company Admin';
  const roles = [...new Set(PARTICIPANTS.filter(([, id]) => id === u.id).map(([, , role]) => role))];
  return roles.length ? roles.map((r) => ROLE_WORDS[r]).join(' · ') : 'Member';
}

/** For GET /api/config: who to sign in as, never a hash. */
export function demoAccounts(): DemoAccount[] {
  const companies = new Map(DEMO_COMPANIES.map((c) => [c.id, c.name]));
  return DEMO_USERS.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    companyName: companies.get(u.companyId)!,
    role: u.companyRole,
    description: demoDescription(u),
    color: personColor(
      u.id,
      DEMO_USERS.filter((x) => x.companyId === u.companyId).map((x) => x.id),
    ),
  }));
}
