import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCalendarEvent, IconCalendarX, IconCheck, IconClipboardCheck, IconDoorExit, IconEdit, IconPlayerPlay, IconPlus, IconUserCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { AssessmentView } from '../../../../../electron/contract/assessments';
import type { CaseView } from '../../../../../electron/contract/cases';
import { BAND_LABELS } from '../../../../../electron/domain/bands';
import { ALLOWED_TRANSITIONS, CASE_OUTCOME_LABELS, CASE_STATUS_LABELS, OUT_OF_TARGET_LABELS, type CaseStatus } from '../../../../../electron/domain/caseStatus';
import { formatDate } from '../../../format';
import { routingFor } from './AssessmentForm';
import { BAND_COLORS, STATUS_COLORS, isOpen } from './caseLabels';
import { actionTitle, type CaseAction } from './TransitionModal';
import { todayIso } from '../../../../../electron/domain/dates';

export function StatusBadge({ status, size = 'md', testId = 'case-status' }: { status: CaseStatus; size?: 'sm' | 'md' | 'lg'; testId?: string }) {
  return (
    <Badge color={STATUS_COLORS[status]} size={size} variant="light" data-testid={testId}>
      {CASE_STATUS_LABELS[status]}
    </Badge>
  );
}

function Field({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div style={wide ? { gridColumn: 'span 2' } : undefined}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm">{children ?? '—'}</Text>
    </div>
  );
}

export interface CasePermissions {
  /** operatori, coordinatori, amministratori */
  write: boolean;
  /** assess and route: coordinatori, amministratori */
  coordinate: boolean;
}

interface ActionButton {
  key: string;
  label: string;
  icon: ReactNode;
  color?: string;
  run: () => void;
}

function CaseActions({
  caseView,
  latest,
  can,
  onAction,
  onAssess,
}: {
  caseView: CaseView;
  latest: AssessmentView | undefined;
  can: CasePermissions;
  onAction: (a: CaseAction) => void;
  onAssess: () => void;
}) {
  if (caseView.status === 'valutato' && !can.coordinate) {
    return <Text size="sm" c="dimmed">Valutazione fatta: la presa in carico o l’invio fuori target spetta a un coordinatore.</Text>;
  }
  const next = ALLOWED_TRANSITIONS[caseView.status];
  // after an assessment, the step its band proposes comes first (with the out-of-target reason preselected)
  const proposal = caseView.status === 'valutato' && latest ? routingFor(latest.band).action : null;
  const buttons: ActionButton[] = [];
  const add = (action: CaseAction, icon: ReactNode, color?: string) => {
    const chosen = proposal?.kind === 'transition' && action.kind === 'transition' && proposal.to === action.to ? proposal : action;
    buttons.push({ key: actionTitle(action, caseView.status), label: actionTitle(action, caseView.status), icon, color, run: () => onAction(chosen) });
  };
  // assessing moves «Colloquio fissato» to «Valutato»; a «Valutato» case can be assessed again before routing
  if (can.coordinate && (caseView.status === 'colloquio_fissato' || caseView.status === 'valutato')) {
    const label = caseView.status === 'valutato' ? 'Valuta di nuovo' : 'Valuta (L.R. 14)';
    buttons.push({ key: 'valuta', label, icon: <IconClipboardCheck size={16} />, run: onAssess });
  }
  if (next.includes('colloquio_fissato')) add({ kind: 'transition', to: 'colloquio_fissato' }, <IconCalendarEvent size={16} />);
  // a missed interview can be recorded once its day has come
  if (caseView.status === 'colloquio_fissato' && (caseView.interviewScheduledOn ?? '') <= todayIso()) add({ kind: 'noShow' }, <IconCalendarX size={16} />);
  if (can.coordinate && next.includes('in_carico')) add({ kind: 'transition', to: 'in_carico' }, <IconUserCheck size={16} />, 'green');
  if (can.coordinate && next.includes('fuori_target')) add({ kind: 'transition', to: 'fuori_target' }, <IconDoorExit size={16} />, 'orange');
  if (next.includes('in_percorso')) add({ kind: 'transition', to: 'in_percorso' }, <IconPlayerPlay size={16} />);
  if (next.includes('concluso')) add({ kind: 'transition', to: 'concluso' }, <IconCheck size={16} />);
  if (buttons.length === 0) return null;
  const primary = proposal?.kind === 'transition' ? actionTitle(proposal, caseView.status) : buttons[0]?.key;
  return (
    <Group gap="xs" role="group" aria-label="Azioni sul caso">
      {buttons.map((b) => (
        <Button key={b.key} size="sm" variant={b.key === primary ? 'filled' : 'default'} color={b.key === primary ? b.color : undefined} leftSection={b.icon} onClick={b.run}>
          {b.label}
        </Button>
      ))}
    </Group>
  );
}

function CurrentCase({
  caseView,
  assessments,
  can,
  onAction,
  onAssess,
  onEdit,
}: {
  caseView: CaseView;
  assessments: AssessmentView[];
  can: CasePermissions;
  onAction: (a: CaseAction) => void;
  onAssess: () => void;
  onEdit: () => void;
}) {
  const latest = assessments.filter((a) => a.caseId === caseView.id).sort((a, b) => b.assessedOn.localeCompare(a.assessedOn) || b.id - a.id)[0];
  const open = isOpen(caseView);
  return (
    <Card withBorder radius="md" aria-label="Caso attuale" component="section">
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <Title order={4}>{open ? 'Presa in carico attuale' : 'Ultima presa in carico'}</Title>
          <StatusBadge status={caseView.status} />
          <Text size="sm" c="dimmed">dal {formatDate(caseView.statusDate)}</Text>
        </Group>
        {can.write && open && (
          <Button size="xs" variant="subtle" leftSection={<IconEdit size={14} />} onClick={onEdit}>
            Referente ed ente inviante
          </Button>
        )}
      </Group>
      <SimpleGrid cols={4} spacing="sm" verticalSpacing="xs" mb="md">
        <Field label="Canale di accesso">{caseView.channelName}</Field>
        <Field label="Ente inviante">{caseView.referringOrgName}</Field>
        <Field label="Punto inviante">{caseView.referringPoint}</Field>
        <Field label="Referente">{caseView.referentName}</Field>
        <Field label="Domanda">{formatDate(caseView.applicationDate)}</Field>
        <Field label="Colloquio fissato per">{formatDate(caseView.interviewScheduledOn)}</Field>
        <Field label="Primo colloquio">{formatDate(caseView.firstInterviewDate)}</Field>
        <Field label="Mancate presentazioni">{String(caseView.noShowCount)}</Field>
        {latest && (
          <Field label="Ultima valutazione" wide>
            {latest.totalPoints} punti, <Text span c={`${BAND_COLORS[latest.band]}.8`} fw={600} size="sm">{BAND_LABELS[latest.band].label}</Text>
          </Field>
        )}
        {caseView.outOfTargetReason && <Field label="Fuori target">{OUT_OF_TARGET_LABELS[caseView.outOfTargetReason]}</Field>}
        {caseView.outcome && <Field label="Esito">{CASE_OUTCOME_LABELS[caseView.outcome]}</Field>}
        {caseView.closedOn && <Field label="Chiuso il">{formatDate(caseView.closedOn)}</Field>}
      </SimpleGrid>
      {caseView.status === 'valutato' && latest && (
        <Alert color={BAND_COLORS[latest.band]} variant="light" mb="sm" p="xs">
          Proposta della valutazione: {BAND_LABELS[latest.band].routing}.
        </Alert>
      )}
      {can.write && open && <CaseActions caseView={caseView} latest={latest} can={can} onAction={onAction} onAssess={onAssess} />}
    </Card>
  );
}

/** Percorso: the current (or last) case with its next steps, then the earlier cases. */
export function CasePanel({
  cases,
  assessments,
  can,
  onAction,
  onAssess,
  onEdit,
  onNewCase,
}: {
  cases: CaseView[];
  assessments: AssessmentView[];
  can: CasePermissions;
  onAction: (a: CaseAction) => void;
  onAssess: () => void;
  onEdit: () => void;
  onNewCase: () => void;
}) {
  const current = cases.find(isOpen) ?? cases[0];
  const earlier = cases.filter((c) => c !== current);
  const newCase = can.write && !cases.some(isOpen) && (
    <Button leftSection={<IconPlus size={16} />} onClick={onNewCase} w="fit-content">
      Nuova presa in carico
    </Button>
  );
  if (!current) {
    return (
      <Card withBorder radius="md">
        <Stack align="flex-start">
          <Text>Nessuna presa in carico per questa persona.{can.write ? ' Per seguirla nel programma aprire una nuova presa in carico.' : ''}</Text>
          {newCase}
        </Stack>
      </Card>
    );
  }
  return (
    <Stack>
      {!isOpen(current) && (
        <Alert color="gray" title="Nessun caso aperto">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">L’ultima presa in carico si è chiusa il {formatDate(current.closedOn ?? current.statusDate)}. Se la persona torna, aprirne una nuova.</Text>
            {newCase}
          </Stack>
        </Alert>
      )}
      <CurrentCase caseView={current} assessments={assessments} can={can} onAction={onAction} onAssess={onAssess} onEdit={onEdit} />
      {earlier.length > 0 && (
        <Card withBorder radius="md">
          <Title order={5} mb="xs">Prese in carico precedenti</Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Domanda</Table.Th>
                <Table.Th>Canale</Table.Th>
                <Table.Th>Stato</Table.Th>
                <Table.Th>Esito</Table.Th>
                <Table.Th>Chiuso il</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {earlier.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatDate(c.applicationDate)}</Table.Td>
                  <Table.Td>{c.channelName}</Table.Td>
                  <Table.Td><Badge color={STATUS_COLORS[c.status]} variant="light">{CASE_STATUS_LABELS[c.status]}</Badge></Table.Td>
                  <Table.Td>{c.outcome ? CASE_OUTCOME_LABELS[c.outcome] : c.outOfTargetReason ? OUT_OF_TARGET_LABELS[c.outOfTargetReason] : '—'}</Table.Td>
                  <Table.Td>{formatDate(c.closedOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
