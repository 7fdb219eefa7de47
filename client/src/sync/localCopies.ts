/**
 * The browser copies of plans (y-indexeddb), one per user and relationship, so that unsynced text
 * is only ever sent back under the identity that typed it. The names are remembered per user so
 * that signing out can remove them from a shared meeting-room computer.
 */
// y-indexeddb (and Yjs under it) is imported only when a copy is removed: this module is part of
// the sign-in page and the app shell, which must not download the plan's libraries.

const indexKey = (userId: string) => `charter:copies:${userId}`;
const pendingKey = (name: string) => `charter:pending:${name}`;

export function localCopyName(userId: string, relationshipId: string): string {
  return `charter:${userId}:${relationshipId}`;
}

function readIndex(userId: string): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(indexKey(userId)) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberLocalCopy(userId: string, name: string): void {
  const names = readIndex(userId);
  if (!names.includes(name)) {
    names.push(name);
    try {
      localStorage.setItem(indexKey(userId), JSON.stringify(names));
    } catch {
      /* storage full or disabled: the copy still works, it just is not listed */
    }
  }
}

/** Whether a copy holds changes the server has not confirmed (kept across reloads and sign-in). */
export function hasPendingChanges(name: string): boolean {
  try {
    return localStorage.getItem(pendingKey(name)) === '1';
  } catch {
    return false;
  }
}

export function setPendingChanges(name: string, pending: boolean): void {
  try {
    if (pending) localStorage.setItem(pendingKey(name), '1');
    else localStorage.removeItem(pendingKey(name));
  } catch {
    /* ignore */
  }
}

export function userHasPendingChanges(userId: string): boolean {
  return readIndex(userId).some(hasPendingChanges);
}

/** Removes every browser copy of `userId`'s plans (sign-out). */
export async function clearLocalCopies(userId: string): Promise<void> {
  const names = readIndex(userId);
  const { clearDocument } = names.length > 0 ? await import('y-indexeddb') : { clearDocument: async () => {} };
  // A delete waits while a tab still has the copy open; do not wait for that forever.
  const deletes = Promise.all(names.map((n) => clearDocument(n).catch(() => undefined)));
  await Promise.race([deletes, new Promise((r) => setTimeout(r, 5000))]);
  for (const n of names) setPendingChanges(n, false);
  try {
    localStorage.removeItem(indexKey(userId));
  } catch {
    /* ignore */
  }
}
