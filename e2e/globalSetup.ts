/**
 * Optional vitest globalSetup (vite.config.ts `test.globalSetup`): builds the client once before
 * any test file starts. Each e2e file also calls builtClientDir(), so the suite works without it.
 */
import { builtClientDir } from './support/buildClient.ts';

export default function setup(): void {
  builtClientDir();
}
