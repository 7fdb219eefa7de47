/**
 * Optional vitest globalSetup (vite.config.ts `test.globalSetup`): builds the client once before
 * any test file starts. Each e2e file also calls ensureClientBuilt(), so the suite works without it.
 */
import { ensureClientBuilt } from './support/buildClient.ts';

export default async function setup(): Promise<void> {
  await ensureClientBuilt();
}
