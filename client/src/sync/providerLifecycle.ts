import type { WebsocketProvider } from 'y-websocket';

/**
 * Destroys a provider without closing a socket that is still connecting: Chromium reports that
 * as a console error ("closed before the connection is established"), which is noise for users
 * and a failure for the e2e suite. Such a socket is closed right after it opens instead.
 */
export function destroyProvider(provider: WebsocketProvider): void {
  const ws = provider.ws;
  if (!ws || ws.readyState !== WebSocket.CONNECTING) {
    provider.destroy();
    return;
  }
  provider.shouldConnect = false;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    // Let y-websocket finish its onopen handler (it sends on the socket) before closing it.
    setTimeout(() => provider.destroy(), 0);
  };
  provider.on('status', ({ status }) => {
    if (status !== 'connecting') finish();
  });
  provider.on('connection-close', finish);
  setTimeout(finish, 15_000);
}
