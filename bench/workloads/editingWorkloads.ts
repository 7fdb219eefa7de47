/**
 * The live-editing workloads of issue 7, as lists of simulated clients. Same lists for every
 * server; only the cookies differ (Charter needs sessions, the others ignore them).
 */
import type { ClientSpec } from '../load/benchClient.ts';
import type { RunningTarget } from '../servers/target.ts';

/** Workshop: everyone in one plan, typing into the vision with a live cursor. */
export function workshopClients(server: RunningTarget, clients: number): ClientSpec[] {
  return Array.from({ length: clients }, (_, i) => ({
    index: i,
    room: server.rooms[0],
    // Half admins, half members: both roles go through the permission hook.
    cookie: server.cookie(i % 2 ? 'admin' : 'member', i >> 1),
    action: 'typeVision',
    editsPerSecond: 5,
    cursor: true,
  }));
}

/** Fleet: many plans open at once, two people in each, typing slowly. */
export function fleetClients(server: RunningTarget, docs: number): ClientSpec[] {
  const clients: ClientSpec[] = [];
  for (let d = 0; d < docs; d++) {
    for (let k = 0; k < 2; k++) {
      clients.push({
        index: clients.length,
        room: server.rooms[d],
        cookie: server.cookie('member', k),
        action: 'typeVision',
        editsPerSecond: 1,
        cursor: false,
      });
    }
  }
  return clients;
}

/** Permissions: members edit the vision while one admin edits an objective (admins only). */
export function permissionClients(server: RunningTarget, members: number): ClientSpec[] {
  const clients: ClientSpec[] = Array.from({ length: members }, (_, i) => ({
    index: i,
    room: server.rooms[0],
    cookie: server.cookie('member', i),
    action: 'typeVision' as const,
    editsPerSecond: 5,
    cursor: true,
  }));
  clients.push({
    index: members,
    room: server.rooms[0],
    cookie: server.cookie('admin', 0),
    action: 'editObjective',
    // A text field bound to the objective's description: one map write per keystroke.
    editsPerSecond: 5,
    cursor: true,
  });
  return clients;
}
