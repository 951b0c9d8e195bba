import { Alert, Anchor, Badge, Button, Group, Modal, Pagination, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconArrowLeft, IconGitMerge, IconSearch, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DuplicatePairPerson, DuplicatePairView } from '../../../../electron/contract/people';
import { CASE_COORDINATORS } from '../../../../electron/contract/roles';
import { CASE_STATUS_LABELS } from '../../../../electron/domain/caseStatus';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCurrentUser } from '../../auth/AuthProvider';
import { DialogFooter } from '../../components/DialogFooter';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../format';
import { MergePairModal } from './person/MergeModal';

const PAGE_SIZE = 25;

/** One record of a pair: a link to the page, birth date and codice fiscale, who holds the open case. */
function Record({ p }: { p: DuplicatePairPerson }) {
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={`/persone/${p.id}`} fw={600}>
        {p.lastName} {p.firstName}
      </Anchor>
      <Text size="sm">{[`scheda n. ${p.id}`, p.birthDate ? `nata/o il ${formatDate(p.birthDate)}` : null, p.taxCode].filter(Boolean).join(' · ')}</Text>
      <Text size="sm" c={p.openCase ? 'blue.8' : 'dimmed'}>
        {p.openCase ? `${CASE_STATUS_LABELS[p.openCase.status]}, seguito da ${p.openCase.heldBy ?? '—'}` : 'nessun caso aperto'}
      </Text>
    </Stack>
  );
}

/** «Non è un doppione», with an optional note: the pair leaves the list for good. */
function DismissModal({ pair, onClose }: { pair: DuplicatePairView; onClose: () => void }) {
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const dismiss = useApiMutation('people.duplicates.dismiss', { success: 'Coppia tolta dall’elenco: non è un doppione', quietErrors: true });
  return (
    <Modal opened onClose={onClose} title="Non è un doppione?">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setFailure(null);
          dismiss.mutateAsync({ id: pair.id, note: note.trim() || null }).then(onClose, (error: Error) => setFailure(error.message));
        }}
      >
        <Stack>
          <Text size="sm">
            <b>
              {pair.first.lastName} {pair.first.firstName}
            </b>{' '}
            (scheda n. {pair.first.id}) e{' '}
            <b>
              {pair.second.lastName} {pair.second.firstName}
            </b>{' '}
            (scheda n. {pair.second.id}) sono due persone diverse: la coppia esce dall’elenco e non vi torna con le ricerche successive.
          </Text>
          <Textarea label="Nota (facoltativa)" placeholder="Es. fratelli gemelli, verificato con i documenti" maxLength={500} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus />
          <DialogFooter failure={failure} onCancel={onClose} saving={dismiss.isPending} submitLabel="Non è un doppione" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Persone → Possibili doppioni (coordinators): pairs of records across the network that may be one person. */
export function DuplicatesPage() {
  const user = useCurrentUser();
  const [page, setPage] = useState(1);
  const [merging, setMerging] = useState<DuplicatePairView | null>(null);
  const [dismissing, setDismissing] = useState<DuplicatePairView | null>(null);
  const allowed = CASE_COORDINATORS.includes(user.role);
  const list = useApiQuery('people.duplicates.list', { page, pageSize: PAGE_SIZE }, { enabled: allowed });
  const search = useApiMutation('people.duplicates.search', {
    success: (r) => (r.added > 0 ? `Ricerca completata: ${r.added} nuove coppie da verificare` : 'Ricerca completata: nessuna nuova coppia'),
  });
  const back = (
    <Button component={Link} to="/persone" variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} mb="xs">
      Elenco persone
    </Button>
  );
  if (!allowed) {
    return (
      <>
        {back}
        <PageHeader title="Possibili doppioni" />
        <Alert color="yellow" title="Operazione non consentita">
          L’elenco dei possibili doppioni è per i coordinatori.
        </Alert>
      </>
    );
  }
  const last = list.data?.lastSearch;
  return (
    <>
      {back}
      <PageHeader
        title="Possibili doppioni"
        subtitle={last ? `Ultima ricerca in tutta la rete: ${formatDate(last.at, true)}, ${last.by}` : 'Nessuna ricerca in tutta la rete finora'}
        actions={
          <Button leftSection={<IconSearch size={16} />} loading={search.isPending} onClick={() => search.mutate({})}>
            Cerca in tutta la rete
          </Button>
        }
      />
      <QueryState query={list}>
        {(data) =>
          data.total === 0 ? (
            <Alert color="gray" title="Nessun possibile doppione da verificare">
              Le coppie compaiono qui quando una registrazione somiglia a una persona già presente e con «Cerca in tutta la rete».
            </Alert>
          ) : (
            <Stack>
              <Text size="sm" c="dimmed">
                {data.total === 1 ? '1 coppia da verificare' : `${data.total} coppie da verificare`}: unire le schede della stessa persona, oppure segnare «non è un
                doppione».
              </Text>
              <Table.ScrollContainer minWidth={860}>
                <Table striped verticalSpacing="sm" data-testid="duplicate-pairs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w="22%">Motivo</Table.Th>
                      <Table.Th>Prima scheda</Table.Th>
                      <Table.Th>Seconda scheda</Table.Th>
                      <Table.Th w={230} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.rows.map((pair) => (
                      <Table.Tr key={pair.id} data-testid={`pair-${pair.id}`}>
                        <Table.Td>
                          <Stack gap={4} align="flex-start">
                            {pair.reasons.map((r) => (
                              <Badge key={r} variant="light" color="orange" tt="none" style={{ whiteSpace: 'normal', height: 'auto' }}>
                                {r}
                              </Badge>
                            ))}
                            <Text size="xs" c="dimmed">
                              trovata il {formatDate(pair.foundAt)}
                            </Text>
                          </Stack>
                        </Table.Td>
                        <Table.Td>
                          <Record p={pair.first} />
                        </Table.Td>
                        <Table.Td>
                          <Record p={pair.second} />
                        </Table.Td>
                        <Table.Td>
                          <Group gap="xs" justify="flex-end" wrap="nowrap">
                            <Button size="xs" leftSection={<IconGitMerge size={14} />} onClick={() => setMerging(pair)}>
                              Unisci…
                            </Button>
                            <Button size="xs" variant="default" leftSection={<IconX size={14} />} onClick={() => setDismissing(pair)}>
                              Non è un doppione
                            </Button>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {data.total > PAGE_SIZE && <Pagination total={Math.ceil(data.total / PAGE_SIZE)} value={page} onChange={setPage} getControlProps={() => ({ 'aria-label': 'pagina' })} />}
            </Stack>
          )
        }
      </QueryState>
      {merging && <MergePairModal firstId={merging.first.id} secondId={merging.second.id} onClose={() => setMerging(null)} />}
      {dismissing && <DismissModal pair={dismissing} onClose={() => setDismissing(null)} />}
    </>
  );
}
