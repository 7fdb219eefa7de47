/**
 * A read-only client never writes to the plan, whatever is stored (issue 13, class 8). A stored
 * document can hold content the editor cannot show as it is — written before the server checked
 * rich text against the editor's schema, or valid names in a shape the editor normalises. An
 * editor bound to the live document "fixes" such content by writing; from a viewer (or a member in
 * a locked section) that write is refused, the plan refreshes, and the editor writes again.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { getPrinciples, getVision } from '../shared/schema.ts';
import { useE2E } from './support/fixture.ts';
import { openPlan } from './support/browser.ts';

const REL = 'acme-globex';
const e2e = useE2E();

/** Every sync frame the page sends: [message type, sync sub-type, payload]. */
function watchSentFrames(page: Page): Array<{ sub: number; update: Uint8Array }> {
  const sent: Array<{ sub: number; update: Uint8Array }> = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') return;
      const bytes = new Uint8Array(payload);
      // y-websocket: varuint type (0 = sync), varuint sub-type, varuint length, update bytes.
      if (bytes[0] !== 0 || bytes[1] === 0) return;
      let i = 2;
      let len = 0;
      for (let shift = 0; ; shift += 7) {
        const b = bytes[i++];
        len |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
      sent.push({ sub: bytes[1], update: bytes.slice(i, i + len) });
    });
  });
  return sent;
}

/** True when the update carries no struct and no delete: what a client with nothing to say sends. */
const isEmpty = (update: Uint8Array) => {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
};

describe('a read-only client never writes', { timeout: 180_000 }, () => {
  it('a viewer opens a plan holding content the editor would rewrite: it loads, stays live, and sends nothing', async () => {
    // Written on the server, as an older document could hold it: an element the editor does not
    // know in the vision, and a list item straight at the top of the principles.
    await e2e.server.app.registry.withDocument(REL, (doc) =>
      doc.transact(() => {
        const odd = new Y.XmlElement('evilnode');
        odd.insert(0, [new Y.XmlText('legacy')]);
        getVision(doc).push([odd]);
        const item = new Y.XmlElement('listItem');
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText('loose list item')]);
        item.insert(0, [p]);
        getPrinciples(doc).insert(0, [item]);
      }),
    );
    const vic = await e2e.person('vic@globex.example');
    const sent = watchSentFrames(vic.page);
    await openPlan(vic.page, REL);
    await vic.page.getByTestId('viewer-banner').waitFor();

    // A remote edit arrives and shows; the viewer's page still sends no change.
    await e2e.server.app.registry.withDocument(REL, (doc) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('A remote line for the viewer.')]);
      getVision(doc).push([p]);
    });
    await expect
      .poll(() => vic.page.getByTestId('editor-vision').innerText())
      .toContain('A remote line for the viewer.');
    await expect.poll(() => vic.page.getByTestId('editor-principles').innerText()).toContain('loose list item');

    expect(await vic.page.locator('[data-testid="connection-state"]').getAttribute('data-status')).toBe('live');
    expect(await vic.page.getByTestId('plan-notice').count()).toBe(0);
    // ProseMirror says so when the stored principles start with a list item; expected here.
    vic.errors.splice(
      0,
      vic.errors.length,
      ...vic.errors.filter((e) => !e.includes('TextSelection endpoint not pointing into a node with inline content')),
    );
    expect(sent.filter((f) => f.sub === 2)).toEqual([]);
    expect(sent.filter((f) => f.sub === 1 && !isEmpty(f.update))).toEqual([]);
  });
});
