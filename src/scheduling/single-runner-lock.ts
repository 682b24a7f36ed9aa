/**
 * One scheduler per SQLite file. SQLite has no row locks to share work between processes, so a
 * second kpibot on the same file must not run the scheduler at all: a lock file next to the
 * database names the process that does. (PostgreSQL replicas need no lock: the claim keeps each
 * piece of scheduled work to one send.)
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export class SchedulerLockedError extends Error {
  readonly code = 'scheduler_locked' as const;
  constructor(
    readonly pid: number,
    readonly databasePath: string,
  ) {
    super(`another kpibot instance (pid ${pid}) runs the scheduler on ${databasePath}; this one will not send digests or other scheduled posts`);
    this.name = 'SchedulerLockedError';
  }
}

export interface SchedulerLock {
  readonly path: string;
  /** Removes the lock file (only if it is still ours). Idempotent. */
  release(): void;
}

interface LockContent {
  pid: number;
  token: string;
}

/** Lock files held by schedulers in this process: the same pid does not mean the same scheduler. */
const heldHere = new Set<string>();

/** Takes the lock for `databasePath` or throws `SchedulerLockedError` naming the holder. A dead holder's lock is taken over. */
export function acquireSchedulerLock(databasePath: string): SchedulerLock {
  const path = `${databasePath}.scheduler.lock`;
  const token = randomBytes(8).toString('hex');
  // Two tries: the second after removing a lock whose process is gone.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, token } satisfies LockContent));
      } finally {
        closeSync(fd);
      }
      heldHere.add(path);
      return { path, release: () => release(path, token) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLock(path);
    if (holder !== undefined && isHeld(holder, path)) throw new SchedulerLockedError(holder.pid, databasePath);
    removeQuietly(path);
  }
  throw new SchedulerLockedError(readLock(path)?.pid ?? 0, databasePath);
}

function isHeld(holder: LockContent, path: string): boolean {
  if (holder.pid === process.pid) return heldHere.has(path);
  try {
    process.kill(holder.pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' && typeof parsed.token === 'string' ? { pid: parsed.pid, token: parsed.token } : undefined;
  } catch {
    // Missing, or half-written by a process that died mid-write: treat as not held.
    return undefined;
  }
}

function release(path: string, token: string): void {
  if (readLock(path)?.token === token) removeQuietly(path);
  heldHere.delete(path);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
