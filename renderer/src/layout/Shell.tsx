import { AppShell, Badge, Button, Group, Kbd, NavLink, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconLogout } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ROLE_LABELS } from '../../../electron/contract/roles';
import { useAuth, useCurrentUser } from '../auth/AuthProvider';
import { DatabaseLinkBadge, DatabaseLinkBanner, useDatabaseLink } from './DatabaseLink';
import { MenuCommands } from './MenuCommands';
import { sectionsFor } from './sections';

/** The application frame: header with the user, side menu with the sections (Alt+1…8), the page. */
export function Shell({ children }: { children: ReactNode }) {
  const user = useCurrentUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const sections = sectionsFor(user.role);
  const link = useDatabaseLink();
  useHotkeys(sections.map((s) => [`alt+${s.key}`, () => navigate(s.path)]));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <a href="#contenuto" className="skip-link" onClick={(event) => { event.preventDefault(); document.getElementById('contenuto')?.focus(); }}>
          Salta al contenuto
        </a>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Title order={1} fz="h3" c="blue.8">IXL Desk</Title>
            <Text c="dimmed" size="sm">Insieme per il lavoro</Text>
          </Group>
          <Group gap="sm">
            <DatabaseLinkBadge link={link} />
            <Text size="sm" fw={500} data-testid="current-user">{user.fullName}</Text>
            <Badge variant="light">{ROLE_LABELS[user.role]}</Badge>
            <Button variant="subtle" leftSection={<IconLogout size={16} />} onClick={() => void logout()}>
              Esci
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Sezioni">
        <Stack gap={2}>
          {sections.map((s) => (
            <Tooltip key={s.path} label={<><Kbd size="xs">Alt</Kbd>+<Kbd size="xs">{s.key}</Kbd></>} position="right" openDelay={600}>
              <NavLink
                href={`#${s.path}`}
                label={s.label}
                leftSection={<s.icon size={18} stroke={1.6} />}
                active={s.path === '/' ? pathname === '/' : pathname.startsWith(s.path)}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(s.path);
                }}
              />
            </Tooltip>
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0" id="contenuto" tabIndex={-1}>
        <MenuCommands />
        <DatabaseLinkBanner link={link} />
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
