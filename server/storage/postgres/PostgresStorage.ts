/** Filled in by the next commit: the PostgreSQL backend. */
export function openPostgresStorage(options: { url: string }): Promise<never> {
  return Promise.reject(
    new Error(`STORAGE=postgres is not available yet (${options.url.replace(/:[^:@/]*@/, ':***@')})`),
  );
}
