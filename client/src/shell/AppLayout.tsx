/**
 * The app shell (DESIGN "Information architecture"): left sidebar, top bar with the signed-in
 * person and their company, and the connection state. Below 768 px the sidebar becomes a menu
 * behind the burger.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { AppShell, Burger, Button, Group, Menu, Modal, ScrollArea, Text } from '@mantine/core';
import { useDisclosure, useWindowEvent } from '@mantine/hooks';
import { IconLayoutGrid, IconLogout, IconSettings, IconKey } from '@tabler/icons-react';
import { useMe, useSession } from '../auth/session.tsx';
import { Link } from '../lib/Link.tsx';
import { navigate, paths, useLocationKey } from '../lib/router.tsx';
import { PersonAvatar } from '../ui/PersonAvatar.tsx';
import { sideColorVar } from '../ui/sides.ts';
import { useRelationships } from '../relationships/RelationshipsContext.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { userHasPendingChanges } from '../sync/localCopies.ts';
import classes from './AppLayout.module.css';

export function AppLayout({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const locationKey = useLocationKey();
  // A navigation closes the phone menu, and so does Escape (focus goes back to the burger).
  useEffect(() => close(), [locationKey, close]);
  useWindowEvent('keydown', (e) => {
    if (e.key === 'Escape' && opened) {
      close();
      document.querySelector<HTMLButtonElement>('[aria-controls="app-navigation"]')?.focus();
    }
  });

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding={0}
      withBorder
    >
      <a className="ch-skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header>
        <div className={classes.header}>
          <Burger
            opened={opened}
            onClick={toggle}
            hiddenFrom="md"
            size="sm"
            aria-label={opened ? 'Close navigation' : 'Open navigation'}
            aria-expanded={opened}
            aria-controls="app-navigation"
          />
          <Link to={paths.home()} className={classes.brand}>
            <span className={classes.mark} aria-hidden>
              <span />
              <span />
            </span>
            Charter
          </Link>
          <div className={classes.spacer} />
          <ConnectionIndicator />
          <UserMenu />
        </div>
      </AppShell.Header>
      <AppShell.Navbar className={classes.navbar} id="app-navigation" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          <Navigation />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main className={classes.main} id="main">
        {children}
      </AppShell.Main>
    </AppShell>
  );
}

function Navigation() {
  useLocationKey();
  const me = useMe();
  const rels = useRelationships();
  const here = location.pathname;
  return (
    <nav>
      <Link to={paths.home()} className={classes.navLink} aria-current={here === '/' ? 'page' : undefined}>
        <IconLayoutGrid size={18} stroke={1.7} aria-hidden />
        <span className={classes.navLinkText}>Relationships</span>
      </Link>
      {me.companyRole === 'admin' ? (
        <Link
          to={paths.admin()}
          className={classes.navLink}
          aria-current={here === paths.admin() ? 'page' : undefined}
          data-testid="nav-admin"
        >
          <IconSettings size={18} stroke={1.7} aria-hidden />
          <span className={classes.navLinkText}>Admin</span>
        </Link>
      ) : null}
      {rels.status === 'ok' && rels.data.length > 0 ? (
        <>
          <div className={classes.navHeading} id="nav-plans">
            Account plans
          </div>
          <div role="list" aria-labelledby="nav-plans">
            {rels.data.map((r) => {
              const to = paths.plan(r.id);
              return (
                <div role="listitem" key={r.id}>
                  <Link
                    to={to}
                    className={classes.navLink}
                    aria-current={here === to ? 'page' : undefined}
                    title={r.name}
                  >
                    <span className={classes.navMark} aria-hidden>
                      <span style={{ background: sideColorVar('owner') }} />
                      <span style={{ background: sideColorVar('partner') }} />
                    </span>
                    <span className={classes.navLinkText}>{r.name}</span>
                  </Link>
                </div>
              );
            })}
          </div>
        </>
      ) : null}
    </nav>
  );
}

function UserMenu() {
  const me = useMe();
  const { signOut } = useSession();
  const [confirming, setConfirming] = useState(false);
  // Signing out removes this device's copies of plans; unsynced edits would go with them.
  const requestSignOut = () => (userHasPendingChanges(me.id) ? setConfirming(true) : void signOut());
  return (
    <>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Sign out with unsynced changes?" centered>
        <Text size="sm" mb="lg">
          Some of your changes have not reached the server yet. Signing out removes them from this device. Reconnect and
          wait for “Live” to keep them.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
            Stay signed in
          </Button>
          <Button color="red" onClick={() => void signOut()}>
            Sign out and discard
          </Button>
        </Group>
      </Modal>
      <Menu position="bottom-end" width={240} shadow="md" withinPortal>
        <Menu.Target>
          <button
            type="button"
            className={classes.userButton}
            aria-label={`Account: ${me.name}, ${me.companyName}`}
            data-testid="user-menu"
          >
            <PersonAvatar name={me.name} color={me.color} size="sm" decorative />
            <span className={classes.userText}>
              <span className={classes.userName}>{me.name}</span>
              <span className={classes.userCompany}>{me.companyName}</span>
            </span>
          </button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {me.email}
            <br />
            {me.companyRole === 'admin' ? 'Company Admin' : 'Member'} · {me.companyName}
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconKey size={16} />}
            onClick={() => navigate(paths.account())}
            data-testid="menu-account"
          >
            Password and account
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={requestSignOut}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
