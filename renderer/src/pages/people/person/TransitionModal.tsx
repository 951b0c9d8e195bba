import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { DateField } from '../../../components/DateField';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { CaseView } from '../../../../../electron/contract/cases';
import { BAND_LABELS } from '../../../../../electron/domain/bands';
import {
  CASE_OUTCOMES,
  CASE_OUTCOME_LABELS,
  CASE_STATUS_LABELS,
  OUT_OF_TARGET_LABELS,
  OUT_OF_TARGET_REASONS,
  type CaseOutcome,
  type CaseStatus,
  type OutOfTargetReason,
} from '../../../../../electron/domain/caseStatus';
import { useApiMutation } from '../../../api/hooks';
import { applyServerErrors } from '../../../auth/formErrors';
import { formatDate } from '../../../format';
import { todayIso } from '../../../../../electron/domain/dates';

/** What the user asked to do with the case: move it to a status, or record a missed interview. */
export type CaseAction = { kind: 'transition'; to: CaseStatus; reason?: OutOfTargetReason } | { kind: 'noShow' };

export function actionTitle(action: CaseAction, current: CaseStatus): string {
  if (action.kind === 'noShow') return 'Registra mancata presentazione';
  switch (action.to) {
    case 'colloquio_fissato':
      return current === 'colloquio_fissato' ? 'Sposta colloquio' : 'Fissa colloquio';
    case 'in_carico':
      return 'Prendi in carico';
    case 'fuori_target':
      return 'Fuori target';
    case 'in_percorso':
      return 'Avvia percorso';
    case 'concluso':
      return 'Concludi';
    default:
      return `Passa a «${CASE_STATUS_LABELS[action.to]}»`;
  }
}

const EXPLANATIONS: Partial<Record<CaseStatus, string>> = {
  colloquio_fissato: 'Indicare il giorno del primo colloquio. La persona va convocata entro 4–5 settimane dall’iscrizione.',
  in_carico: `${BAND_LABELS.target.routing}: il caso entra nel programma e si potranno avviare i percorsi.`,
  fuori_target: 'Il caso si chiude come fuori target: indicare dove viene indirizzata la persona.',
  in_percorso: 'La persona inizia un percorso (tirocinio, inserimento, formazione…).',
  concluso: 'Il caso si chiude con l’esito indicato. La persona potrà avere in futuro una nuova presa in carico.',
};

const REASON_ROUTING: Record<OutOfTargetReason, string> = { fragile: BAND_LABELS.fragile.routing, profilo_forte: BAND_LABELS.forte.routing };

/** Before the case is taken in charge it can only end without a placement (as the server checks). */
const EARLY_OUTCOMES: readonly CaseOutcome[] = ['ritirato', 'non_reperibile', 'altro_servizio'];
function outcomesFrom(status: CaseStatus): readonly CaseOutcome[] {
  return status === 'iscritto' || status === 'colloquio_fissato' ? EARLY_OUTCOMES : CASE_OUTCOMES;
}

interface Values {
  date: string | null;
  scheduledOn: string | null;
  interviewOn: string | null;
  outOfTargetReason: OutOfTargetReason | null;
  outcome: CaseOutcome | null;
  note: string;
}

function TransitionForm({ caseView, action, onDone }: { caseView: CaseView; action: CaseAction; onDone: () => void }) {
  const to = action.kind === 'transition' ? action.to : null;
  const [failure, setFailure] = useState<string | null>(null);
  const transition = useApiMutation('cases.transition', { success: (c) => `Caso aggiornato: ${CASE_STATUS_LABELS[c.status]}`, quietErrors: true });
  const noShow = useApiMutation('cases.recordNoShow', { success: 'Mancata presentazione registrata', quietErrors: true });
  const form = useForm<Values>({
    initialValues: {
      date: todayIso(),
      scheduledOn: caseView.interviewScheduledOn ?? todayIso(),
      interviewOn: null,
      outOfTargetReason: action.kind === 'transition' ? (action.reason ?? null) : null,
      outcome: null,
      note: '',
    },
    validate: {
      date: (v) => (action.kind === 'transition' && !v ? 'Indicare la data' : null),
      scheduledOn: (v) => (action.kind === 'noShow' && !v ? 'Indicare il giorno del colloquio mancato' : null),
      interviewOn: (v) => (to === 'colloquio_fissato' && !v ? 'Indicare il giorno del colloquio' : null),
      outOfTargetReason: (v) => (to === 'fuori_target' && !v ? 'Indicare dove viene indirizzata la persona' : null),
      outcome: (v) => (to === 'concluso' && !v ? 'Indicare l’esito' : null),
    },
  });
  const fail = (error: unknown) => setFailure(applyServerErrors(form, error));

  const submit = (v: Values) => {
    setFailure(null);
    const note = v.note.trim() || null;
    if (action.kind === 'noShow') {
      noShow.mutate({ caseId: caseView.id, scheduledOn: v.scheduledOn ?? '', note }, { onSuccess: onDone, onError: fail });
      return;
    }
    transition.mutate(
      {
        caseId: caseView.id,
        to: action.to,
        date: v.date ?? '',
        note,
        interviewOn: action.to === 'colloquio_fissato' ? v.interviewOn : null,
        outOfTargetReason: action.to === 'fuori_target' ? v.outOfTargetReason : null,
        outcome: action.to === 'concluso' ? v.outcome : null,
      },
      { onSuccess: onDone, onError: fail },
    );
  };

  const explanation = to ? EXPLANATIONS[to] : `Il colloquio del ${formatDate(caseView.interviewScheduledOn)} non si è tenuto: si potrà fissarne un altro.`;
  return (
    <form noValidate onSubmit={form.onSubmit(submit)}>
      <Stack>
        {explanation && <Text size="sm">{explanation}</Text>}
        {action.kind === 'noShow' ? (
          <DateField label="Giorno del colloquio mancato" data-autofocus withAsterisk {...form.getInputProps('scheduledOn')} />
        ) : (
          <DateField label="Data dell’operazione" description="Di solito oggi" withAsterisk {...form.getInputProps('date')} />
        )}
        {to === 'colloquio_fissato' && (
          <DateField label="Giorno del colloquio" data-autofocus withAsterisk {...form.getInputProps('interviewOn')} />
        )}
        {to === 'fuori_target' && (
          <Radio.Group label="Dove viene indirizzata la persona" withAsterisk {...form.getInputProps('outOfTargetReason')}>
            <Stack gap="xs" mt="xs">
              {OUT_OF_TARGET_REASONS.map((r) => (
                <Radio key={r} value={r} label={OUT_OF_TARGET_LABELS[r]} description={REASON_ROUTING[r]} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {to === 'concluso' && (
          <Select
            label="Esito"
            withAsterisk
            data-autofocus
            data={outcomesFrom(caseView.status).map((o) => ({ value: o, label: CASE_OUTCOME_LABELS[o] }))}
            description={outcomesFrom(caseView.status).length < CASE_OUTCOMES.length ? 'Prima della presa in carico il caso si chiude senza inserimento' : undefined}
            allowDeselect={false}
            {...form.getInputProps('outcome')}
          />
        )}
        <Textarea label="Nota" placeholder="Facoltativa: che cosa è stato deciso e perché" autosize minRows={2} maxRows={6} {...form.getInputProps('note')} />
        {failure && <Alert color="red" title="Operazione non riuscita">{failure}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Annulla</Button>
          <Button type="submit" loading={transition.isPending || noShow.isPending} color={to === 'fuori_target' || to === 'concluso' ? 'orange' : undefined}>
            {actionTitle(action, caseView.status)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One modal for every step of a case, with the date (today by default), a note and the fields that step needs. */
export function TransitionModal({ caseView, action, onClose }: { caseView: CaseView; action: CaseAction | null; onClose: () => void }) {
  return (
    <Modal opened={action !== null} onClose={onClose} title={action ? actionTitle(action, caseView.status) : ''} size="lg">
      {action && <TransitionForm key={JSON.stringify(action)} caseView={caseView} action={action} onDone={onClose} />}
    </Modal>
  );
}
