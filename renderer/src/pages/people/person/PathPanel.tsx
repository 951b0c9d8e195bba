import { Alert, Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconEdit, IconFileCertificate, IconPlayerPlay, IconPlayerStop, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { MatchNeed, PersonMatches } from '../../../../../electron/contract/matching';
import type { InterventionView, PersonPath } from '../../../../../electron/contract/paths';
import { canSeePersonalData } from '../../../../../electron/contract/roles';
import { INSTRUMENT_LABELS, INSTRUMENT_PROPOSE, INTERVENTION_TRANSITIONS } from '../../../../../electron/domain/paths';
import { useApiQuery } from '../../../api/hooks';
import { useCurrentUser } from '../../../auth/AuthProvider';
import { QueryState } from '../../../components/QueryState';
import { formatDate } from '../../../format';
import { MoveModal, ProposeModal, type InterventionMove } from '../../paths/InterventionActions';
import { InterventionModal } from '../../paths/InterventionForm';
import { interventionFacts } from '../../paths/facts';
import { days, InterventionStatusBadge, period, ReasonList, ScoreBadge } from '../../paths/labels';

/**
 * Percorso: the interventions of the person's cases by instrument, with their data and next steps
 * (add, edit, start, end, stop, «Crea patto»), the days from the first interview to the placement,
 * and the open needs of companies that fit the person.
 */

function Placement({ path }: { path: PersonPath }) {
  if (path.placement) {
    const to = path.placement.instrument === 'inserimento' ? 'all’inserimento' : 'all’avvio del tirocinio';
    return (
      <Paper withBorder p="sm" radius="md" bg="teal.0" data-testid="days-to-placement">
        <Group gap="xs" wrap="nowrap">
          <Text fw={700} size="xl" c="teal.8">
            {days(path.placement.days)}
          </Text>
          <Text size="sm">
            dal primo colloquio ({formatDate(path.firstInterviewDate)}) {to} ({formatDate(path.placement.startDate)})
          </Text>
        </Group>
      </Paper>
    );
  }
  if (!path.firstInterviewDate) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="days-to-placement">
      Primo colloquio il {formatDate(path.firstInterviewDate)}: i giorni fino all’inserimento si contano quando un inserimento o un tirocinio inizia.
    </Text>
  );
}

function InterventionCard({
  intervention: i,
  canWrite,
  onEdit,
  onMove,
}: {
  intervention: InterventionView;
  canWrite: boolean;
  onEdit: () => void;
  onMove: (to: InterventionMove) => void;
}) {
  const next = INTERVENTION_TRANSITIONS[i.status];
  const facts = interventionFacts(i);
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={`${INSTRUMENT_LABELS[i.instrumentCode]} ${i.companyName ?? ''}`.trim()} data-testid="intervention">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={700}>{INSTRUMENT_LABELS[i.instrumentCode]}</Text>
            {i.companyName && i.companyId && (
              <Text size="sm">
                presso{' '}
                <Anchor component={Link} to={`/aziende/${i.companyId}`} size="sm">
                  {i.companyName}
                </Anchor>
              </Text>
            )}
            <InterventionStatusBadge status={i.status} />
          </Group>
          <Text size="sm" c="dimmed">
            {period(i.startDate, i.endDate)}
            {i.daysFromFirstInterview !== null && ` · ${days(i.daysFromFirstInterview)} dal primo colloquio`}
            {i.needId && (
              <>
                {' · fabbisogno '}
                <Anchor component={Link} to={`/abbinamenti/fabbisogno/${i.needId}`} size="sm">
                  {i.needRole}
                </Anchor>
              </>
            )}
          </Text>
        </Stack>
        {canWrite && (
          <Group gap={6} wrap="nowrap">
            {next.includes('attivo') && (
              <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} onClick={() => onMove('attivo')}>
                Avvia
              </Button>
            )}
            {next.includes('concluso') && (
              <Button size="xs" variant="light" leftSection={<IconCheck size={14} />} onClick={() => onMove('concluso')}>
                Concludi
              </Button>
            )}
            {next.includes('interrotto') && (
              <Button size="xs" variant="subtle" color="orange" leftSection={<IconPlayerStop size={14} />} onClick={() => onMove('interrotto')}>
                Interrompi
              </Button>
            )}
            <Button size="xs" variant="default" leftSection={<IconEdit size={14} />} onClick={onEdit}>
              Modifica
            </Button>
          </Group>
        )}
      </Group>
      {facts.length > 0 && (
        <SimpleGrid cols={4} spacing="xs" verticalSpacing={4} mt="xs">
          {facts.map((f) => (
            <div key={f.label}>
              <Text size="xs" c="dimmed">
                {f.label}
              </Text>
              <Text size="sm">{f.value}</Text>
            </div>
          ))}
        </SimpleGrid>
      )}
      {i.outcome && (
        <Text size="sm" mt="xs">
          <Text span c="dimmed" size="xs">
            Esito:{' '}
          </Text>
          {i.outcome}
        </Text>
      )}
      {i.notes && (
        <Text size="sm" mt={4}>
          <Text span c="dimmed" size="xs">
            Note:{' '}
          </Text>
          {i.notes}
        </Text>
      )}
      <Group gap="xs" mt="xs">
        {i.pacts.map((p) => (
          <Anchor key={p.id} component={Link} to={`/patti/${p.id}`} size="sm">
            Patto n. {p.number}
          </Anchor>
        ))}
        {canWrite && i.companyId && i.status !== 'interrotto' && (
          <Button component={Link} to={`/patti/nuovo?interventionId=${i.id}`} size="xs" variant="subtle" leftSection={<IconFileCertificate size={14} />}>
            Crea patto
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function Interventions({ path, canWrite }: { path: PersonPath; canWrite: boolean }) {
  const [editing, setEditing] = useState<InterventionView | null>(null);
  const [adding, setAdding] = useState(false);
  const [moving, setMoving] = useState<{ intervention: InterventionView; to: InterventionMove } | null>(null);
  const caseId = path.openCase?.id ?? null;
  const canAdd = canWrite && caseId !== null && path.cannotAdd === null;
  return (
    <Card withBorder radius="md" component="section" aria-label="Interventi del percorso">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Interventi del percorso</Title>
        {canAdd && (
          <Button size="sm" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Nuovo intervento
          </Button>
        )}
      </Group>
      <Stack gap="sm">
        <Placement path={path} />
        {canWrite && path.cannotAdd && (
          <Text size="sm" c="dimmed">
            {path.cannotAdd}.
          </Text>
        )}
        {path.interventions.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nessun intervento.
            {canAdd ? ' Aggiungere il primo con «Nuovo intervento», oppure proporne uno da un fabbisogno adatto qui sotto.' : ''}
          </Text>
        ) : (
          path.interventions.map((i) => (
            <InterventionCard key={i.id} intervention={i} canWrite={canWrite} onEdit={() => setEditing(i)} onMove={(to) => setMoving({ intervention: i, to })} />
          ))
        )}
      </Stack>
      {caseId !== null && <InterventionModal opened={adding} caseId={caseId} existing={null} onClose={() => setAdding(false)} />}
      <InterventionModal opened={editing !== null} caseId={editing?.caseId ?? 0} existing={editing} onClose={() => setEditing(null)} />
      <MoveModal intervention={moving?.intervention ?? null} to={moving?.to ?? null} onClose={() => setMoving(null)} />
    </Card>
  );
}

function FittingNeeds({ matches, person, canWrite }: { matches: PersonMatches; person: { id: number; name: string }; canWrite: boolean }) {
  const [proposing, setProposing] = useState<MatchNeed | null>(null);
  return (
    <Card withBorder radius="md" component="section" aria-label="Fabbisogni adatti">
      <Title order={4} mb="xs">
        Fabbisogni adatti
      </Title>
      {matches.needs.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nessun fabbisogno aperto chiede le competenze di questa persona. Aggiungere le competenze nella scheda, o cercare tra i fabbisogni delle aziende.
        </Text>
      ) : (
        <Stack gap="xs">
          {canWrite && matches.cannotPropose && (
            <Text size="sm" c="dimmed">
              {matches.cannotPropose}.
            </Text>
          )}
          {matches.needs.map((m) => (
            <Paper key={m.need.id} withBorder p="xs" radius="md" data-testid="fitting-need">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Group align="flex-start" wrap="nowrap" gap="sm">
                  <ScoreBadge score={m.score} />
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>
                      {m.need.role} ·{' '}
                      <Anchor component={Link} to={`/aziende/${m.need.companyId}`} size="sm">
                        {m.need.companyName}
                      </Anchor>{' '}
                      <Text span size="sm" c="dimmed">
                        ({m.need.companyCity}) — {INSTRUMENT_LABELS[m.need.instrumentCode].toLowerCase()}
                      </Text>
                    </Text>
                    <ReasonList reasons={m.reasons} />
                  </Stack>
                </Group>
                {m.existingInterventionId !== null ? (
                  <Badge variant="light" color="blue" tt="none">
                    Già proposto
                  </Badge>
                ) : (
                  canWrite && (
                    <Tooltip label={matches.cannotPropose ?? ''} disabled={!matches.cannotPropose} multiline w={260}>
                      <Button size="xs" variant="light" disabled={matches.cannotPropose !== null} onClick={() => setProposing(m.need)}>
                        {INSTRUMENT_PROPOSE[m.need.instrumentCode]}
                      </Button>
                    </Tooltip>
                  )
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <ProposeModal need={proposing} person={proposing ? person : null} onClose={() => setProposing(null)} />
    </Card>
  );
}

/** The Percorso tab's paths and matching, below the case. */
export function PathPanel({ personId, personName, canWrite }: { personId: number; personName: string; canWrite: boolean }) {
  const user = useCurrentUser();
  const sensitive = canSeePersonalData(user.role);
  const path = useApiQuery('paths.forPerson', { personId });
  const matches = useApiQuery('matching.person', { personId, limit: 5 }, { enabled: sensitive });
  return (
    <Stack mt="md">
      <QueryState query={path}>{(data) => <Interventions path={data} canWrite={canWrite} />}</QueryState>
      {sensitive && (
        <QueryState query={matches}>
          {(data) => <FittingNeeds matches={data} person={{ id: personId, name: personName }} canWrite={canWrite} />}
        </QueryState>
      )}
      {!sensitive && (
        <Alert color="gray" variant="light">
          Gli abbinamenti con i fabbisogni delle aziende sono visibili a chi segue i casi.
        </Alert>
      )}
    </Stack>
  );
}
