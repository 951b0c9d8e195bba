import { Alert, Badge, Button, Card, Grid, Group, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconEdit, IconFilePlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { OPEN_NEED_STATUSES, SIZE_BAND_LABELS, type CompanyDetail, type CompanyMoney, type CompanyPage as CompanyPageData } from '../../../../electron/contract/companies';
import { CASE_WRITERS } from '../../../../electron/contract/roles';
import { useApiQuery } from '../../api/hooks';
import { useReference } from '../../api/reference';
import { useCurrentUser } from '../../auth/AuthProvider';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatEuro, formatNumber } from '../../format';
import { PactsPanel, PlacementsPanel } from './company/ActivityPanels';
import { BoardCard } from './company/BoardCard';
import { ContactsPanel } from './company/ContactsPanel';
import { NeedsPanel } from './company/NeedsPanel';
import { BoardBadge } from './CompaniesListPage';

function Fact({ label, children, labelWidth = 104 }: { label: string; children: ReactNode; labelWidth?: number }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={labelWidth} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ minWidth: 0 }}>
        {children ?? (
          <Text span size="sm" c="dimmed" fs="italic">
            non indicato
          </Text>
        )}
      </Text>
    </Group>
  );
}

function seat(c: CompanyDetail): string {
  const street = [c.seatStreet, c.seatNumber].filter(Boolean).join(', ');
  const city = c.outsideMetro ? `${c.seatCity} (fuori dalla Città metropolitana)` : c.seatCity;
  return street ? `${street} – ${city}` : city;
}

function RegistryCard({ company: c }: { company: CompanyDetail }) {
  const rep = c.legalRepName ? `${c.legalRepName}${c.legalRepRole ? ` (${c.legalRepRole.toLowerCase()})` : ''}` : null;
  return (
    <Card withBorder radius="md" component="section" aria-label="Anagrafica" py="sm" h="100%">
      <Title order={5} mb={6}>
        Anagrafica
      </Title>
      <Grid gap="xs">
        <Grid.Col span={6}>
          <Stack gap={4}>
            <Fact label="Sede">{seat(c)}</Fact>
            <Fact label="Distretto">{c.seatDistrict}</Fact>
            <Fact label="Settore ATECO">{c.atecoSection ? `${c.atecoSection} – ${c.atecoName ?? ''}` : null}</Fact>
            <Fact label="Dimensione">{c.sizeBand ? SIZE_BAND_LABELS[c.sizeBand] : null}</Fact>
            <Fact label="Associazione">{c.employerOrgName}</Fact>
            <Fact label="In anagrafe dal">{formatDate(c.createdAt)}</Fact>
          </Stack>
        </Grid.Col>
        <Grid.Col span={6}>
          <Stack gap={4}>
            <Fact label="Legale rappr." labelWidth={96}>
              {rep}
            </Fact>
            <Fact label="Telefono" labelWidth={96}>
              {c.phone}
            </Fact>
            <Fact label="Email" labelWidth={96}>
              {c.email}
            </Fact>
            <Fact label="PEC" labelWidth={96}>
              {c.pec}
            </Fact>
            {c.taxCode && c.taxCode !== c.vatNumber && (
              <Fact label="Codice fiscale" labelWidth={96}>
                {c.taxCode}
              </Fact>
            )}
          </Stack>
        </Grid.Col>
        {c.notes && (
          <Grid.Col span={12}>
            <Fact label="Note">
              <span style={{ whiteSpace: 'pre-line' }}>{c.notes}</span>
            </Fact>
          </Grid.Col>
        )}
      </Grid>
    </Card>
  );
}

function MoneyCard({ money }: { money: CompanyMoney }) {
  const left = money.committedCents - money.paidCents;
  return (
    <Card withBorder radius="md" component="section" aria-label="Spesa per l’azienda" py="sm">
      <Tooltip label="Impegni collegati all’azienda o ai percorsi svolti presso di essa, con le loro rettifiche" multiline w={260} openDelay={400}>
        <Title order={5} mb={6} w="fit-content">
          Spesa del programma
        </Title>
      </Tooltip>
      <Group grow gap="xs">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Impegnato
          </Text>
          <Text fw={600} data-testid="money-committed">
            {formatEuro(money.committedCents)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatNumber(money.commitments)} {money.commitments === 1 ? 'impegno' : 'impegni'}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Liquidato
          </Text>
          <Text fw={600} data-testid="money-paid">
            {formatEuro(money.paidCents)}
          </Text>
          <Text size="xs" c="dimmed">
            {left > 0 ? `${formatEuro(left)} da liquidare` : `${formatNumber(money.payments)} ${money.payments === 1 ? 'liquidazione' : 'liquidazioni'}`}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}

function count(n: number) {
  return (
    <Badge size="xs" variant="light" color="gray">
      {n}
    </Badge>
  );
}

function Company({ page }: { page: CompanyPageData }) {
  const user = useCurrentUser();
  const reference = useReference();
  const canWrite = CASE_WRITERS.includes(user.role);
  const c = page.company;
  const openNeeds = page.needs.filter((n) => OPEN_NEED_STATUSES.includes(n.status)).length;
  const subtitle = [`P.IVA ${c.vatNumber}`, c.legalForm, c.seatCity].filter(Boolean).join(' · ');
  return (
    <>
      <Group justify="space-between" align="flex-end" mb="sm" wrap="nowrap">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Group gap="sm" wrap="nowrap">
            <Title order={2} lineClamp={1} title={c.name}>
              {c.name}
            </Title>
            <BoardBadge board={page.board.status === 'board'} size="lg" />
          </Group>
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        </Stack>
        {canWrite && (
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" component={Link} to={`/aziende/${c.id}/modifica`} leftSection={<IconEdit size={16} />}>
              Modifica
            </Button>
            <Button component={Link} to={`/patti/nuovo?companyId=${c.id}`} leftSection={<IconFilePlus size={16} />}>
              Nuovo patto
            </Button>
          </Group>
        )}
      </Group>
      <Grid gap="sm" mb="sm">
        <Grid.Col span={8}>
          <RegistryCard company={c} />
        </Grid.Col>
        <Grid.Col span={4}>
          <Stack gap="sm">
            <BoardCard companyId={c.id} board={page.board} canWrite={canWrite} />
            <MoneyCard money={page.money} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Tabs defaultValue="fabbisogni" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="fabbisogni" rightSection={count(openNeeds)}>
            Fabbisogni
          </Tabs.Tab>
          <Tabs.Tab value="persone" rightSection={count(page.placements.length)}>
            Persone inserite
          </Tabs.Tab>
          <Tabs.Tab value="patti" rightSection={count(page.pacts.length)}>
            Patti
          </Tabs.Tab>
          <Tabs.Tab value="referenti" rightSection={count(page.contacts.length)}>
            Referenti
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="fabbisogni">
          <NeedsPanel companyId={c.id} needs={page.needs} defaultDistrict={c.seatDistrictCode} reference={reference.data} canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="persone">
          <PlacementsPanel placements={page.placements} />
        </Tabs.Panel>
        <Tabs.Panel value="patti">
          <PactsPanel companyId={c.id} pacts={page.pacts} canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="referenti">
          <ContactsPanel companyId={c.id} contacts={page.contacts} canWrite={canWrite} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/** La scheda azienda (/aziende/:id): registry, Board, money, then needs, people placed, pacts and contacts. */
export function CompanyPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const companyId = Number(id);
  const valid = Number.isSafeInteger(companyId) && companyId > 0;
  const page = useApiQuery('companies.get', { id: companyId }, { enabled: valid });
  return (
    <>
      <Group mb="xs">
        <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={() => navigate('/aziende')}>
          Elenco aziende
        </Button>
      </Group>
      {valid ? (
        <QueryState query={page}>{(data) => <Company key={data.company.id} page={data} />}</QueryState>
      ) : (
        <Alert color="red" title="Scheda non trovata">
          L’indirizzo non indica un’azienda valida. Tornare all’elenco delle aziende.
        </Alert>
      )}
    </>
  );
}
