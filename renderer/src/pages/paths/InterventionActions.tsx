import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { MatchNeed } from '../../../../electron/contract/matching';
import type { InterventionView } from '../../../../electron/contract/paths';
import { todayIso } from '../../../../electron/domain/dates';
import { INSTRUMENT_LABELS, INSTRUMENT_PROPOSE, INTERVENTION_ACTION_LABELS, INTERVENTION_STATUS_LABELS, type Instrument } from '../../../../electron/domain/paths';
import { useApiMutation } from '../../api/hooks';
import { applyServerErrors } from '../../auth/formErrors';
import { DateField } from '../../components/DateField';

/** Starting, ending or stopping an intervention: the date (start, or end) and, to close it, the outcome. */
export type InterventionMove = 'attivo' | 'concluso' | 'interrotto';

const EXPLANATION: Record<InterventionMove, string> = {
  attivo: 'L’intervento inizia: la data è quella di inizio. Se il caso è «In carico» passa «In percorso».',
  concluso: 'L’intervento è terminato come previsto: indicare la data di fine e l’esito.',
  interrotto: 'L’intervento si ferma prima del previsto (o non inizia): indicare la data e il motivo.',
};

function MoveForm({ intervention, to, onDone }: { intervention: InterventionView; to: InterventionMove; onDone: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const move = useApiMutation('paths.transition', { success: (i) => `Intervento ${INTERVENTION_STATUS_LABELS[i.status].toLowerCase()}`, quietErrors: true });
  const form = useForm({
    initialValues: { date: to === 'attivo' && intervention.startDate && intervention.startDate <= todayIso() ? intervention.startDate : todayIso(), outcome: '' },
    validate: {
      date: (v: string | null) => (v ? null : 'Indicare la data'),
      outcome: (v: string) => (to !== 'attivo' && !v.trim() ? 'Indicare l’esito' : null),
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        setFailure(null);
        move.mutate(
          { id: intervention.id, to, date: v.date ?? '', outcome: v.outcome.trim() || null },
          { onSuccess: onDone, onError: (e) => setFailure(applyServerErrors(form, e)) },
        );
      })}
    >
      <Stack gap="sm">
        <Text size="sm">{EXPLANATION[to]}</Text>
        <DateField label={to === 'attivo' ? 'Data di inizio' : 'Data di fine'} withAsterisk data-autofocus maxDate={todayIso()} {...form.getInputProps('date')} />
        {to !== 'attivo' && (
          <Textarea
            label={to === 'concluso' ? 'Esito' : 'Motivo dell’interruzione'}
            withAsterisk
            placeholder={to === 'concluso' ? 'Es. Tirocinio completato con proposta di assunzione' : 'Es. Rinuncia della persona'}
            autosize
            minRows={2}
            {...form.getInputProps('outcome')}
          />
        )}
        {failure && (
          <Alert color="red" title="Stato non cambiato">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Annulla
          </Button>
          <Button type="submit" color={to === 'interrotto' ? 'orange' : undefined} loading={move.isPending}>
            {INTERVENTION_ACTION_LABELS[to]}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function MoveModal({ intervention, to, onClose }: { intervention: InterventionView | null; to: InterventionMove | null; onClose: () => void }) {
  const what = intervention ? `${INSTRUMENT_LABELS[intervention.instrumentCode].toLowerCase()}${intervention.companyName ? ` presso ${intervention.companyName}` : ''}` : '';
  return (
    <Modal opened={intervention !== null && to !== null} onClose={onClose} title={to ? `${INTERVENTION_ACTION_LABELS[to]} ${what}` : ''}>
      {intervention && to && <MoveForm intervention={intervention} to={to} onDone={onClose} />}
    </Modal>
  );
}

const WITH_ARTICLE: Record<Instrument, string> = {
  inserimento: 'l’inserimento lavorativo',
  tirocinio: 'un tirocinio',
  autoimpiego: 'un percorso di autoimpiego',
  credito: 'un microcredito',
  formazione: 'un percorso di formazione',
  pon: 'un progetto PON',
};

/**
 * The confirmation before proposing a person for a need: it creates the intervention «proposto»
 * (with the company, the instrument and the need) in the person's path.
 */
export function ProposeModal({
  need,
  person,
  onClose,
  onProposed,
}: {
  need: MatchNeed | null;
  person: { id: number; name: string } | null;
  onClose: () => void;
  onProposed?: (intervention: InterventionView) => void;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  const propose = useApiMutation('matching.propose', { success: (i) => `${INSTRUMENT_LABELS[i.instrumentCode]} proposto a ${i.personName}`, quietErrors: true });
  const opened = need !== null && person !== null;
  const close = () => {
    setFailure(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={need ? `${INSTRUMENT_PROPOSE[need.instrumentCode]}?` : ''}>
      {need && person && (
        <Stack gap="sm">
          <Text size="sm">
            Proporre a <b>{person.name}</b> {WITH_ARTICLE[need.instrumentCode]} come{' '}
            <b>{need.role}</b> presso <b>{need.companyName}</b>?
          </Text>
          <Text size="sm" c="dimmed">
            Nel percorso della persona si aggiunge l’intervento «Proposto», legato a questo fabbisogno: date, tutor e indennità si completano poi nella scheda.
          </Text>
          {failure && (
            <Alert color="red" title="Proposta non registrata">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Annulla
            </Button>
            <Button
              data-autofocus
              loading={propose.isPending}
              onClick={() =>
                propose.mutate(
                  { needId: need.id, personId: person.id },
                  {
                    onSuccess: (i) => {
                      close();
                      onProposed?.(i);
                    },
                    onError: (e) => setFailure(e.message),
                  },
                )
              }
            >
              Conferma la proposta
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
