import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconArrowLeft, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { MatchCandidate, MatchNeed, NeedMatches } from '../../../../electron/contract/matching';
import type { InterventionView } from '../../../../electron/contract/paths';
import { CASE_WRITERS } from '../../../../electron/contract/roles';
import { CASE_STATUS_LABELS } from '../../../../electron/domain/caseStatus';
import { INSTRUMENT_LABELS, INSTRUMENT_PROPOSE } from '../../../../electron/domain/paths';
import { useApiQuery } from '../../api/hooks';
import { useCurrentUser } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatNumber } from '../../format';
import { ProposeModal } from './InterventionActions';
import { ReasonList, ScoreBadge } from './labels';

const NEED_STATUS: Record<MatchNeed['status'], string> = { aperto: 'Aperto', in_corso: 'In corso', chiuso: 'Chiuso', annullato: 'Annullato' };
const OPEN = (need: MatchNeed) => need.status === 'aperto' || need.status === 'in_corso';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function NeedCard({ need }: { need: MatchNeed }) {
  const periodText = need.periodFrom || need.periodTo ? `${formatDate(need.periodFrom)} – ${formatDate(need.periodTo)}` : '—';
  return (
    <Card withBorder radius="md" component="section" aria-label="Fabbisogno">
      <SimpleGrid cols={5} spacing="sm" verticalSpacing="xs">
        <Field label="Azienda">
          <Anchor component={Link} to={`/aziende/${need.companyId}`} size="sm">
            {need.companyName}
          </Anchor>{' '}
          ({need.companyCity})
        </Field>
        <Field label="Strumento">{INSTRUMENT_LABELS[need.instrumentCode]}</Field>
        <Field label="Posti">
          {need.positions}{' '}
          <Text span size="xs" c="dimmed">
            ({need.proposals === 0 ? 'nessuna persona proposta' : `${need.proposals} ${need.proposals === 1 ? 'persona proposta o avviata' : 'persone proposte o avviate'}`})
          </Text>
        </Field>
        <Field label="Periodo">{periodText}</Field>
        <Field label="Distretto">{need.districtName ?? '—'}</Field>
      </SimpleGrid>
      <Group gap="xs" mt="sm">
        <Text size="xs" c="dimmed">
          Competenze richieste:
        </Text>
        {need.skills.length === 0 ? (
          <Text size="sm">nessuna indicata (si ordina per distretto e preparazione)</Text>
        ) : (
          need.skills.map((s) => (
            <Badge key={s} variant="light" color="gray" tt="none">
              {s}
            </Badge>
          ))
        )}
      </Group>
      {need.requirements && (
        <Text size="sm" mt={6}>
          <Text span size="xs" c="dimmed">
            Requisiti:{' '}
          </Text>
          {need.requirements}
        </Text>
      )}
    </Card>
  );
}

function Candidates({ data, canWrite, onPropose }: { data: NeedMatches; canWrite: boolean; onPropose: (c: MatchCandidate) => void }) {
  const { need, candidates } = data;
  if (candidates.length === 0) {
    return (
      <Alert color="blue" title="Nessuna persona adatta in questo momento">
        Si cercano le persone prese in carico, nella fascia «da accompagnare verso il lavoro», senza un intervento attivo
        {need.skills.length > 0 ? ' e con almeno una delle competenze richieste' : ''}. Controllare le competenze del fabbisogno o riprovare quando nuove persone
        saranno prese in carico.
      </Alert>
    );
  }
  const open = OPEN(need);
  return (
    <Table striped verticalSpacing="xs" withTableBorder aria-label="Persone adatte">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={36}>#</Table.Th>
          <Table.Th w={230}>Persona</Table.Th>
          <Table.Th w={96}>Punteggio</Table.Th>
          <Table.Th>Perché</Table.Th>
          {canWrite && <Table.Th w={170} />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {candidates.map((c, k) => (
          <Table.Tr key={c.personId} data-testid="match-candidate">
            <Table.Td>{k + 1}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/persone/${c.personId}`} fw={600} size="sm">
                {c.personName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[c.comune, c.district].filter(Boolean).join(' · ') || 'domicilio non indicato'} · {CASE_STATUS_LABELS[c.caseStatus].toLowerCase()}
              </Text>
            </Table.Td>
            <Table.Td>
              <ScoreBadge score={c.score} />
            </Table.Td>
            <Table.Td>
              <ReasonList reasons={c.reasons} />
            </Table.Td>
            {canWrite && (
              <Table.Td>
                <Button size="xs" variant="light" leftSection={<IconUserPlus size={14} />} disabled={!open} onClick={() => onPropose(c)}>
                  {INSTRUMENT_PROPOSE[need.instrumentCode]}
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Abbinamenti: the people in target ranked for one company need, with the reasons and one click to propose. */
export function NeedMatchingPage() {
  const { needId } = useParams();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const canWrite = CASE_WRITERS.includes(user.role);
  const id = Number(needId);
  const valid = Number.isSafeInteger(id) && id > 0;
  const matches = useApiQuery('matching.need', { needId: id, limit: 50 }, { enabled: valid });
  const [proposing, setProposing] = useState<MatchCandidate | null>(null);
  const [proposed, setProposed] = useState<InterventionView | null>(null);
  return (
    <>
      <Group mb="xs">
        <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={() => navigate(-1)}>
          Indietro
        </Button>
      </Group>
      {!valid ? (
        <Alert color="red" title="Fabbisogno non trovato">
          L’indirizzo non indica un fabbisogno valido. Aprire il fabbisogno dalla scheda dell’azienda.
        </Alert>
      ) : (
        <QueryState query={matches}>
          {(data) => (
            <>
              <PageHeader
                title={`Abbinamenti: ${data.need.role}`}
                subtitle={`Fabbisogno ${NEED_STATUS[data.need.status].toLowerCase()} · ${formatNumber(data.total)} ${data.total === 1 ? 'persona adatta' : 'persone adatte'}${data.total > data.candidates.length ? `, le prime ${data.candidates.length}` : ''}`}
              />
              <Stack gap="sm">
                <NeedCard need={data.need} />
                {!OPEN(data.need) && (
                  <Alert color="orange" title={`Fabbisogno ${NEED_STATUS[data.need.status].toLowerCase()}`}>
                    Non si possono proporre persone: riaprire il fabbisogno dalla scheda dell’azienda.
                  </Alert>
                )}
                {proposed && (
                  <Alert color="teal" title="Proposta registrata" withCloseButton closeButtonLabel="Chiudi" onClose={() => setProposed(null)}>
                    {INSTRUMENT_LABELS[proposed.instrumentCode]} proposto a {proposed.personName}.{' '}
                    <Anchor component={Link} to={`/persone/${proposed.personId}`} size="sm" fw={600}>
                      Apri la scheda di {proposed.personName}
                    </Anchor>{' '}
                    per completare date, tutor e indennità.
                  </Alert>
                )}
                <Candidates data={data} canWrite={canWrite} onPropose={setProposing} />
              </Stack>
              <ProposeModal
                need={proposing ? data.need : null}
                person={proposing ? { id: proposing.personId, name: proposing.personName } : null}
                onClose={() => setProposing(null)}
                onProposed={setProposed}
              />
            </>
          )}
        </QueryState>
      )}
    </>
  );
}
