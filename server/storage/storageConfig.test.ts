/** CONTRACT 7's variables: LevelDB by default, PostgreSQL only with what it needs. */
import { describe, expect, it } from 'vitest';
import { configFromEnv, ConfigError, makeConfig } from '../config.ts';

describe('storage configuration', () => {
  it('defaults to LevelDB, so `npm start` needs nothing new', () => {
    expect(configFromEnv({}).STORAGE).toBe('leveldb');
  });

  it('refuses postgres without DATABASE_URL or CLUSTER_SECRET, saying what is missing', () => {
    expect(() => configFromEnv({ STORAGE: 'postgres', CLUSTER_SECRET: 's' })).toThrow(ConfigError);
    expect(() => configFromEnv({ STORAGE: 'postgres', CLUSTER_SECRET: 's' })).toThrow(/DATABASE_URL/);
    expect(() => configFromEnv({ STORAGE: 'postgres', DATABASE_URL: 'postgres://db/charter' })).toThrow(
      /CLUSTER_SECRET/,
    );
    expect(() =>
      configFromEnv({ STORAGE: 'postgres', DATABASE_URL: 'mysql://db/charter', CLUSTER_SECRET: 's' }),
    ).toThrow(/postgres:\/\//);
    expect(() => configFromEnv({ STORAGE: 'sqlite' })).toThrow(/STORAGE must be/);
  });

  it('accepts a complete postgres configuration', () => {
    const config = makeConfig({ STORAGE: 'postgres', DATABASE_URL: 'postgres://db/charter', CLUSTER_SECRET: 's' });
    expect(config).toMatchObject({ STORAGE: 'postgres', DATABASE_URL: 'postgres://db/charter' });
  });
});
