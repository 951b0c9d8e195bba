import { Alert, Badge, Button, Card, Group, Modal, Radio, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { PersonPage } from '../../../../../electron/contract/people';
import { CASE_STATUS_LABELS } from '../../../../../electron/domain/caseStatus';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { QueryState } from '../../../components/QueryState';
import { formatDate } from '../../../format';
import { sortCases, STATUS_COLORS } from './caseLabels';

function Side({ page, keep }: { page: PersonPage; keep: boolean }) {
  const p = page.person;
  return (
    <Card withBorder radius="md" style={keep ? { borderColor: 'var(--mantine-color-blue-6)', borderWidth: 2 } : undefined} data-testid={`merge-side-${p.id}`}>
      <Radio value={String(p.id)} label={<Text fw={600}>{p.lastName} {p.firstName}</Text>} description={keep ? 'Questa scheda viene conservata' : 'Questa scheda viene unita all’altra'} mb="sm" />
      <Table withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          <Table.Tr><Table.Td c="dimmed" w={130}>Scheda n.</Table.Td><Table.Td>{p.id}, registrata il {formatDate(p.createdAt)}</Table.Td></Table.Tr>
          <Table.Tr><Table.Td c="dimmed">Nascita</Table.Td><Table.Td>{formatDate(p.birthDate)}{p.birthPlaceName ? `, ${p.birthPlaceName}` : ''}</Table.Td></Table.Tr>
          <Table.Tr><Table.Td c="dimmed">Codice fiscale</Table.Td><Table.Td ff="monospace">{p.taxCode ?? '—'}</Table.Td></Table.Tr>
          <Table.Tr><Table.Td c="dimmed">Domicilio</Table.Td><Table.Td>{p.outsideMetro ? (p.outsideMetroCity ?? 'Fuori area') : (p.domicileComune ?? '—')}</Table.Td></Table.Tr>
          <Table.Tr><Table.Td c="dimmed">Telefono</Table.Td><Table.Td>{p.phone ?? '—'}</Table.Td></Table.Tr>
          <Table.Tr><Table.Td c="dimmed">Documenti</Table.Td><Table.Td>{page.documents.length}</Table.Td></Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed" style={{ verticalAlign: 'top' }}>Prese in carico</Table.Td>
            <Table.Td>
              {page.cases.length === 0 ? 'nessuna' : (
                <Stack gap={2}>
                  {sortCases(page.cases).map((c) => (
                    <Group key={c.id} gap={6}>
                      <Text size="sm">{formatDate(c.applicationDate)}</Text>
                      <Badge size="sm" variant="light" color={STATUS_COLORS[c.status]}>{CASE_STATUS_LABELS[c.status]}</Badge>
                    </Group>
                  ))}
                </Stack>
              )}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Compare({ current, otherId, onBack, backLabel = 'Scegli un’altra persona', onDone }: { current: PersonPage; otherId: number; onBack: () => void; backLabel?: string; onDone: () => void }) {
  const navigate = useNavigate();
  const other = useApiQuery('people.get', { id: otherId });
  const [keepId, setKeepId] = useState(String(current.person.id));
  const [failure, setFailure] = useState<string | null>(null);
  const merge = useApiMutation('people.merge', { success: 'Schede unite', quietErrors: true });
  return (
    <QueryState query={other}>
      {(o) => {
        const keep = Number(keepId);
        const mergeId = keep === current.person.id ? o.person.id : current.person.id;
        return (
          <Stack>
            <Radio.Group value={keepId} onChange={setKeepId} label="Quale scheda conservare?" description="Di solito quella con i dati più completi o registrata per prima.">
              <SimpleGrid cols={2} mt="xs">
                <Side page={current} keep={keep === current.person.id} />
                <Side page={o} keep={keep === o.person.id} />
              </SimpleGrid>
            </Radio.Group>
            <Alert color="orange" icon={<IconAlertTriangle />} title="Le due schede diventano una sola">
              Casi, valutazioni, percorsi, note, documenti e cronologia passano a quella conservata; nulla va perso. L’operazione è registrata e si può
              annullare entro 30 giorni dalla scheda conservata («Separa»).
            </Alert>
            {failure && <Alert color="red" title="Schede non unite">{failure}</Alert>}
            <Group justify="space-between">
              <Button variant="default" onClick={onBack}>{backLabel}</Button>
              <Button
                color="red"
                loading={merge.isPending}
                onClick={() => {
                  setFailure(null);
                  // mutateAsync, not mutate's callbacks: those are dropped if the page re-renders this modal away
                  merge.mutateAsync({ keepId: keep, mergeId }).then(
                    (r) => {
                      onDone();
                      navigate(`/persone/${r.personId}`);
                    },
                    (e: Error) => setFailure(e.message),
                  );
                }}
              >
                Unisci le schede
              </Button>
            </Group>
          </Stack>
        );
      }}
    </QueryState>
  );
}

function Search({ current, onPick }: { current: PersonPage; onPick: (id: number) => void }) {
  const p = current.person;
  const [search, setSearch] = useState(p.lastName);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const results = useApiQuery('people.list', { filter: { search: debounced }, pageSize: 10 }, { enabled: debounced.length >= 2 });
  const rows = (results.data?.rows ?? []).filter((r) => r.id !== p.id);
  return (
    <Stack>
      <Text size="sm">
        Cercare l’altra scheda della stessa persona: per cognome (anche «cognome nome»), codice fiscale o telefono.
      </Text>
      <TextInput
        label="Cerca l’altra scheda"
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-autofocus
      />
      {debounced.length < 2 ? (
        <Text size="sm" c="dimmed">Scrivere almeno due lettere.</Text>
      ) : (
        <QueryState query={results}>
          {() =>
            rows.length === 0 ? (
              <Text size="sm" c="dimmed">Nessun’altra scheda trovata per «{debounced}».</Text>
            ) : (
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Persona</Table.Th>
                    <Table.Th>Nascita</Table.Th>
                    <Table.Th>Codice fiscale</Table.Th>
                    <Table.Th>Comune</Table.Th>
                    <Table.Th>Stato</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.lastName} {r.firstName}</Table.Td>
                      <Table.Td>{formatDate(r.birthDate)}</Table.Td>
                      <Table.Td ff="monospace">{r.taxCode ?? '—'}</Table.Td>
                      <Table.Td>{r.comune ?? '—'}</Table.Td>
                      <Table.Td>{r.status ? CASE_STATUS_LABELS[r.status] : '—'}</Table.Td>
                      <Table.Td ta="right">
                        <Button size="xs" variant="light" onClick={() => onPick(r.id)} aria-label={`Confronta con ${r.lastName} ${r.firstName}, scheda ${r.id}`}>
                          Confronta
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      )}
    </Stack>
  );
}

/** Merging two records of the same person (coordinators): find the other one, compare, choose which to keep. */
export function MergeModal({ current, opened, onClose }: { current: PersonPage; opened: boolean; onClose: () => void }) {
  const [otherId, setOtherId] = useState<number | null>(null);
  const close = () => {
    setOtherId(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Unisci con un’altra scheda" size="min(1100px, 94vw)">
      {otherId === null ? (
        <Search current={current} onPick={setOtherId} />
      ) : (
        <Compare current={current} otherId={otherId} onBack={() => setOtherId(null)} onDone={close} />
      )}
    </Modal>
  );
}

/** Merging a pair of the «Possibili doppioni» list: both records side by side, then which to keep. */
export function MergePairModal({ firstId, secondId, onClose }: { firstId: number; secondId: number; onClose: () => void }) {
  const first = useApiQuery('people.get', { id: firstId });
  return (
    <Modal opened onClose={onClose} title="Unisci le due schede" size="min(1100px, 94vw)">
      <QueryState query={first}>{(page) => <Compare current={page} otherId={secondId} onBack={onClose} backLabel="Annulla" onDone={onClose} />}</QueryState>
    </Modal>
  );
}
