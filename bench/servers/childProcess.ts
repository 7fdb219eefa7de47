/**
 * Every server under test runs as its own child process, so that its CPU and memory can be read
 * from /proc without the load generator's work mixed in, and so that a restart is a real one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything the process printed, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Polled until it answers 200: the server accepts connections. */
  readyUrl: string;
  timeoutMs?: number;
}

/** A free loopback port, chosen up front so that readiness needs no log parsing. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Children still alive: killed when the bench exits for any reason, so none is left behind. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

/** Spawns `node <args>` and waits until `readyUrl` answers 200. */
export async function spawnServer(opts: SpawnOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, opts.args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let out = '';
  // Keep only the tail: a chatty server must not grow the bench's memory.
  const append = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );

  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode} before it was ready:\n${out}`);
    try {
      const res = await fetch(opts.readyUrl);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready at ${opts.readyUrl}:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    child,
    pid: child.pid!,
    output: () => out,
    async stop(graceMs = 20_000) {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
