/**
 * Runs once before the e2e tier's files (vite.config.ts, project \`e2e\`): fails the whole tier at
 * once, with one clear message, when Chromium is missing, then builds the client a single time
 * rather than letting the first two files build it side by side. Each file also calls
 * builtClientDir(), which finds this build.
 */
import { chromiumPath } from './support/browser.ts';
import { builtClientDir } from './support/buildClient.ts';

export default function setup(): void {
  chromiumPath();
  builtClientDir();
}
