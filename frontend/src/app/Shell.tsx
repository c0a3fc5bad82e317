import {
  AppShell,
  Burger,
  Button,
  Group,
  Kbd,
  NavLink as MantineNavLink,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { spotlight } from '@mantine/spotlight';
import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';

import { clearApiKey, getApiKey, subscribeAuth } from '../api';
import { ThemeSwitch } from '../components/ThemeSwitch';
import { CommandPalette } from './CommandPalette';
import { NAV_ITEMS } from './nav';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Header, navigation and the page (SPEC §12 navigation names). */
export function Shell() {
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const location = useLocation();
  const queryClient = useQueryClient();
  const hasKey = Boolean(useSyncExternalStore(subscribeAuth, getApiKey));

  /** Forgets the key; the next call answers 401 when the server needs one. */
  function logOut() {
    clearApiKey();
    void queryClient.resetQueries();
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Text fw={700} size="lg">
              Mimicus
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <UnstyledButton
              onClick={() => spotlight.open()}
              aria-label="Open command palette"
              visibleFrom="xs"
            >
              <Group gap={4} wrap="nowrap">
                <Text size="sm" c="dimmed">
                  Go to…
                </Text>
                <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd>
                <Kbd size="xs">K</Kbd>
              </Group>
            </UnstyledButton>
            <ThemeSwitch />
            {hasKey && (
              <Button variant="subtle" size="xs" onClick={logOut}>
                Log out
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {NAV_ITEMS.map((item) => (
          <MantineNavLink
            key={item.to}
            component={NavLink}
            to={item.to}
            end={item.to === '/'}
            label={item.label}
            active={
              item.to === '/'
                ? location.pathname === '/' || location.pathname.startsWith('/mocks')
                : location.pathname.startsWith(item.to)
            }
            onClick={closeNav}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
      <CommandPalette />
    </AppShell>
  );
}
