/**
 * A server under test, as the workloads see it: something to launch on a fresh data directory,
 * open rooms on, restart (cold load) and stop. Each implementation hides what its server needs
 * (Charter: sessions and provisioned relationships; the reference: seeding over the wire).
 */
export type Role = 'admin' | 'member';

export interface LaunchOptions {
  /** Fresh, empty directory for the server's data. */
  dataDir: string;
  /** How many plan documents must exist and be openable (the fleet needs hundreds). */
  docs: number;
}

export interface RunningTarget {
  readonly name: TargetName;
  /** The server process (changes on restart). */
  pid(): number;
  /**
   * Processes whose CPU also counts as the server's (Charter on PostgreSQL: the database's
   * processes), read at the same moments as `pid`.
   */
  helperPids?(): number[];
  /** `serverUrl` for a y-websocket WebsocketProvider. */
  readonly serverUrl: string;
  readonly dataDir: string;
  /** Plan documents ready to open; rooms[0] is the workshop's. */
  readonly rooms: readonly string[];
  /** Content clients must hold locally before connecting (only the floor: it stores nothing). */
  readonly localSeed: Uint8Array | null;
  /** The cookie a connection in `role` sends (Charter), spread over the users available. */
  cookie(role: Role, n: number): string | undefined;
  /** Stops and starts the server again on the same data directory (a cold start). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export type TargetName = 'charter' | 'charter-pg' | 'reference' | 'floor';

export interface Target {
  readonly name: TargetName;
  /** One line saying what exactly runs, for the report. */
  readonly description: string;
  launch(opts: LaunchOptions): Promise<RunningTarget>;
}
