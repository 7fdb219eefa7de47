/**
 * Render counts for tests, through React's own Profiler: each plan section is wrapped in
 * `<Profiler id=… onRender={recordRender}>`. React calls onRender only in development and
 * profiling builds, so the production app pays for nothing; the render-count e2e test builds
 * the client with `vite build --mode profile` (react-dom/profiling) and sets
 * `window.__charterRenders` to an array before the app starts.
 */
import type { ProfilerOnRenderCallback } from 'react';

export interface RenderRecord {
  id: string;
  phase: 'mount' | 'update' | 'nested-update';
}

declare global {
  interface Window {
    __charterRenders?: RenderRecord[];
  }
}

export const recordRender: ProfilerOnRenderCallback = (id, phase) => {
  window.__charterRenders?.push({ id, phase });
};
