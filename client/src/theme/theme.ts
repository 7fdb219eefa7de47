/**
 * Mantine's theme, derived from the same values as tokens.css so Mantine components and our own
 * CSS agree. Components should prefer the `--ch-*` variables; this file only teaches Mantine.
 */
import { Drawer, Modal, Notification, createTheme, type MantineColorsTuple } from '@mantine/core';

// The graphite accent (--ch-accent #2a2a33) as a 10-shade scale; shade 8 is the token itself.
const accent: MantineColorsTuple = [
  '#f4f4f6',
  '#ebebef',
  '#d6d6dd',
  '#b4b4be',
  '#8e8e9a',
  '#6c6c78',
  '#4a4a55',
  '#383842',
  '#2a2a33',
  '#15151b',
];

const ink: MantineColorsTuple = [
  '#f6f6f3',
  '#f0f0ec',
  '#e3e3de',
  '#cdcdc6',
  '#a3a3ab',
  '#83838c',
  '#6b6b75',
  '#55555f',
  '#35353d',
  '#1a1a1f',
];

export const theme = createTheme({
  primaryColor: 'accent',
  primaryShade: 8,
  colors: { accent, ink },
  fontFamily: "'Inter', ui-sans-serif, system-ui, -apple-system, 'Segoe UI', sans-serif",
  fontFamilyMonospace: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
  headings: {
    fontFamily: "'Inter', ui-sans-serif, system-ui, -apple-system, 'Segoe UI', sans-serif",
    fontWeight: '650',
  },
  defaultRadius: 'md',
  radius: { xs: '4px', sm: '6px', md: '10px', lg: '14px', xl: '20px' },
  fontSizes: { xs: '0.75rem', sm: '0.8125rem', md: '0.9375rem', lg: '1.0625rem', xl: '1.25rem' },
  spacing: { xs: '0.5rem', sm: '0.75rem', md: '1rem', lg: '1.5rem', xl: '2rem' },
  focusRing: 'auto',
  cursorType: 'pointer',
  black: '#1a1a1f',
  other: {},
  // Mantine's close buttons are icons without a name; screen readers would read "button".
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } }),
  },
});
