/**
 * The other people in the plan while the browser page is measured: stock y-websocket providers
 * in Node, signed in as demo users through the REST API. Cursor movers move a caret through the
 * vision (the awareness `cursor` field, relative positions, exactly as y-prosemirror writes it);
 * typists type into the principles with their caret beside their text.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { getRichText, type RichTextSection } from '../../shared/schema.ts';

export interface RemoteActivity {
  cursors: boolean;
  typing: boolean;
}

/** Moves and keystrokes per second of each remote client. */
const RATE_HZ = 5;

async function login(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error(`login ${email}: no cookie`);
  return cookie.split(';')[0];
}

function wsWithCookie(cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  } as unknown as typeof WebSocket;
}

/** The first XmlText of a rich-text section: where Tiptap keeps the first paragraph's text. */
function firstText(type: Y.XmlFragment | Y.XmlElement): Y.XmlText | null {
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) return child;
    if (child instanceof Y.XmlElement) {
      const found = firstText(child);
      if (found) return found;
    }
  }
  return null;
}

class RemoteClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private step = 0;

  constructor(
    serverUrl: string,
    room: string,
    cookie: string,
    private readonly role: 'cursor' | 'typist',
  ) {
    this.provider = new WebsocketProvider(serverUrl, room, this.doc, {
      WebSocketPolyfill: wsWithCookie(cookie) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
  }

  synced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => this.provider.once('sync', () => resolve()));
  }

  tick(activity: RemoteActivity): void {
    this.step++;
    const section: RichTextSection = this.role === 'cursor' ? 'vision' : 'principles';
    const text = firstText(getRichText(this.doc, section));
    if (!text) return;
    if (this.role === 'typist' && activity.typing) {
      // Type at the end of the first paragraph; the caret follows the text.
      text.insert(text.length, 'abcdefghij'[this.step % 10]);
    }
    if (this.role === 'cursor' && !activity.cursors) return;
    if (this.role === 'typist' && !activity.typing) return;
    // Back and forth over the first 40 characters, one character per move.
    const span = Math.max(1, Math.min(40, text.length));
    const at = this.role === 'typist' ? text.length : Math.abs((this.step % (2 * span)) - span);
    const pos = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at));
    this.provider.awareness.setLocalStateField('cursor', { anchor: pos, head: pos });
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

export class RemoteCrowd {
  private timer: NodeJS.Timeout | null = null;
  private activity: RemoteActivity = { cursors: false, typing: false };

  private constructor(private readonly clients: RemoteClient[]) {}

  /** `cursorMovers` + `typists` clients, dealt over the given demo users, all synced. */
  static async join(
    baseUrl: string,
    room: string,
    emails: string[],
    cursorMovers: number,
    typists: number,
  ): Promise<RemoteCrowd> {
    const cookies = await Promise.all(emails.map((e) => login(baseUrl, e)));
    const serverUrl = `${baseUrl.replace(/^http/, 'ws')}/sync`;
    const clients: RemoteClient[] = [];
    for (let i = 0; i < cursorMovers + typists; i++)
      clients.push(
        new RemoteClient(serverUrl, room, cookies[i % cookies.length], i < cursorMovers ? 'cursor' : 'typist'),
      );
    const crowd = new RemoteCrowd(clients);
    const deadline = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('remote clients did not sync within 30 s')), 30_000).unref(),
    );
    await Promise.race([Promise.all(clients.map((c) => c.synced())), deadline]);
    return crowd;
  }

  /** What the crowd does from now on; every client acts RATE_HZ times a second, out of phase. */
  set(activity: RemoteActivity): void {
    this.activity = activity;
    if (this.timer || (!activity.cursors && !activity.typing)) return;
    let turn = 0;
    this.timer = setInterval(
      () => {
        // One client per slot, so the crowd's messages are spread over the second.
        const client = this.clients[turn++ % this.clients.length];
        client.tick(this.activity);
      },
      1000 / (RATE_HZ * this.clients.length),
    );
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.activity = { cursors: false, typing: false };
  }

  destroy(): void {
    this.stop();
    for (const c of this.clients) c.destroy();
  }
}
