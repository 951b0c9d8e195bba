import { Badge, Button, Card, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconEdit, IconGitMerge, IconMail, IconMapPin, IconPhone } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { PersonPage } from '../../../../../electron/contract/people';
import { formatDate } from '../../../format';
import { BandBadge } from './AssessmentHistory';
import { StatusBadge } from './CasePanel';
import { ageOf, isOpen } from './caseLabels';

function Item({ icon, children }: { icon?: ReactNode; children: ReactNode }) {
  return (
    <Group gap={4} wrap="nowrap">
      {icon}
      <Text size="sm">{children}</Text>
    </Group>
  );
}

/** Who the person is at a glance: name, age, codice fiscale, where they live, how to reach them, where the case stands. */
export function PersonHeader({ page, canEdit, canMerge, onMerge }: { page: PersonPage; canEdit: boolean; canMerge: boolean; onMerge: () => void }) {
  const navigate = useNavigate();
  const p = page.person;
  const currentCase = page.cases.find(isOpen) ?? page.cases[0];
  const latest = [...page.assessments].sort((a, b) => b.assessedOn.localeCompare(a.assessedOn) || b.id - a.id)[0];
  const born = p.sex === 'F' ? 'nata' : 'nato';
  return (
    <Card withBorder radius="md" mb="md" component="header">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Title order={2}>{p.lastName} {p.firstName}</Title>
          {(currentCase || latest || p.outsideMetro) && (
            <Group gap="xs">
              {currentCase && <StatusBadge status={currentCase.status} size="lg" testId="person-status" />}
              {latest && <BandBadge band={latest.band} size="lg" />}
              {p.outsideMetro && <Badge color="red" size="lg">Fuori area</Badge>}
            </Group>
          )}
          {p.personalDataHidden ? (
            <Text size="sm" c="dimmed" fs="italic">Dati personali nascosti per il suo ruolo.</Text>
          ) : (
            <Group gap="lg">
              <Item>
                {p.birthDate ? `${born} il ${formatDate(p.birthDate)} (${ageOf(p.birthDate)} anni)` : 'data di nascita non indicata'}
                {p.birthPlaceName ? ` a ${p.birthPlaceName}` : ''}
              </Item>
              <Item>
                CF:{' '}
                {p.taxCode ? (
                  <Text span ff="monospace" size="sm" fw={600}>{p.taxCode}</Text>
                ) : (
                  <Text span c="dimmed" size="sm">non disponibile{p.taxCodeMissingReason ? ` (${p.taxCodeMissingReason})` : ''}</Text>
                )}
              </Item>
            </Group>
          )}
          <Group gap="lg">
            <Item icon={<IconMapPin size={16} aria-label="Domicilio" />}>
              {p.outsideMetro
                ? `${p.outsideMetroCity ?? 'Comune non indicato'} — fuori dalla Città metropolitana`
                : p.domicileComune
                  ? `${p.domicileComune}${p.district ? ` · distretto ${p.district}` : ''}`
                  : 'Domicilio non indicato'}
            </Item>
            {!p.personalDataHidden && (
              <>
                <Item icon={<IconPhone size={16} aria-label="Telefono" />}>{p.phone ?? '—'}</Item>
                <Item icon={<IconMail size={16} aria-label="Email" />}>{p.email ?? '—'}</Item>
              </>
            )}
          </Group>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {canMerge && (
            <Tooltip label="Se la stessa persona è stata registrata due volte" openDelay={400}>
              <Button variant="default" leftSection={<IconGitMerge size={16} />} onClick={onMerge} disabled={p.mergedIntoId !== null}>
                Unisci con…
              </Button>
            </Tooltip>
          )}
          {canEdit && (
            <Button leftSection={<IconEdit size={16} />} onClick={() => navigate(`/persone/${p.id}/modifica`)} disabled={p.mergedIntoId !== null}>
              Modifica
            </Button>
          )}
        </Group>
      </Group>
    </Card>
  );
}
