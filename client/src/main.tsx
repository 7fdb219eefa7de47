import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import '@fontsource/inter/400.css';
import '@fontsource/inter/500.css';
import '@fontsource/inter/600.css';
import '@fontsource/inter/700.css';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './theme/tokens.css';
import './theme/global.css';
import { theme } from './theme/theme.ts';
import { applySideTokens } from './ui/sides.ts';
import { SessionProvider } from './auth/session.tsx';
import { App } from './App.tsx';
import { preloadCurrentRoute } from './routes.ts';

applySideTokens();
preloadCurrentRoute();

createRoot(document.getElementById('root')!).render(
  <MantineProvider theme={theme} defaultColorScheme="light">
    <Notifications position="bottom-right" />
    <SessionProvider>
      <App />
    </SessionProvider>
  </MantineProvider>,
);
