import { Alert, Badge, Box, Button, Group, Modal, Paper, Progress, ScrollArea, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { DateField } from '../../../components/DateField';
import { modals } from '@mantine/modals';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { AssessmentDetail, AssessmentTemplate } from '../../../../../electron/contract/assessments';
import type { CaseView } from '../../../../../electron/contract/cases';
import { BAND_LABELS, bandFor, type Band } from '../../../../../electron/domain/bands';
import { OUT_OF_TARGET_LABELS, type OutOfTargetReason } from '../../../../../electron/domain/caseStatus';
import { ApiError } from '../../../api/client';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { QueryState } from '../../../components/QueryState';
import { BAND_COLORS } from './caseLabels';
import type { CaseAction } from './TransitionModal';
import { todayIso } from '../../../../../electron/domain/dates';

const COLUMN_HEIGHT = 'calc(100dvh - 180px)';

/** The routing the band suggests: take in charge, or out of target with the matching reason. */
export function routingFor(band: Band): { action: CaseAction; label: string } {
  if (band === 'target') return { action: { kind: 'transition', to: 'in_carico' }, label: 'Prendi in carico' };
  const reason: OutOfTargetReason = band === 'fragile' ? 'fragile' : 'profilo_forte';
  return { action: { kind: 'transition', to: 'fuori_target', reason }, label: `Fuori target — ${OUT_OF_TARGET_LABELS[reason]}` };
}

function BandSummary({ total, band, missing }: { total: number; band: Band; missing: number }) {
  return (
    <Paper withBorder p="sm" radius="md" bg={`${BAND_COLORS[band]}.0`} style={{ borderColor: `var(--mantine-color-${BAND_COLORS[band]}-4)` }}>
      <Text size="sm" c="dimmed">Totale</Text>
      <Text fz={34} fw={700} lh={1.1} data-testid="assessment-total" aria-live="polite">{total}</Text>
      <Text fw={700} c={`${BAND_COLORS[band]}.8`} data-testid="assessment-band">{BAND_LABELS[band].label}</Text>
      <Text size="sm">{BAND_LABELS[band].routing}</Text>
      {missing > 0 && <Text size="xs" c="dimmed" mt={4}>Fascia provvisoria: {missing === 1 ? 'manca 1 risposta' : `mancano ${missing} risposte`}.</Text>}
    </Paper>
  );
}

type Answers = Record<string, string>;

function Questionnaire({
  template,
  caseView,
  answers,
  setAnswers,
  onSaved,
}: {
  template: AssessmentTemplate;
  caseView: CaseView;
  answers: Answers;
  setAnswers: (update: (a: Answers) => Answers) => void;
  onSaved: (a: AssessmentDetail) => void;
}) {
  const [assessedOn, setAssessedOn] = useState<string | null>(todayIso());
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const create = useApiMutation('assessments.create', { success: (a) => `Valutazione registrata: ${a.totalPoints} punti`, quietErrors: true });

  const items = template.definition.dimensions.flatMap((d) => d.items);
  const numberOf = new Map(items.map((item, index) => [item.code, index + 1]));
  const pointsOf = (itemCode: string): number => {
    const item = items.find((i) => i.code === itemCode);
    return item?.options.find((o) => o.code === answers[itemCode])?.points ?? 0;
  };
  const total = items.reduce((sum, i) => sum + pointsOf(i.code), 0);
  const answered = items.filter((i) => answers[i.code] !== undefined).length;
  const band = bandFor(total, template.thresholds);

  const answer = (itemCode: string, optionCode: string) => {
    setAnswers((a) => ({ ...a, [itemCode]: optionCode }));
    setErrors(({ [`answers.${itemCode}`]: _, ...rest }) => rest);
  };

  const save = () => {
    setFailure(null);
    setErrors({});
    if (!assessedOn) {
      setErrors({ assessedOn: 'Indicare la data del colloquio di valutazione' });
      return;
    }
    create.mutate(
      {
        caseId: caseView.id,
        templateId: template.id,
        assessedOn,
        answers: Object.entries(answers).map(([itemCode, optionCode]) => ({ itemCode, optionCode })),
        notes: notes.trim() || null,
      },
      {
        onSuccess: onSaved,
        onError: (e) => {
          setFailure(e.message);
          if (e instanceof ApiError) setErrors(e.fields);
        },
      },
    );
  };

  return (
    <Group align="flex-start" wrap="nowrap" gap="lg">
      <ScrollArea h={COLUMN_HEIGHT} style={{ flex: 1 }} offsetScrollbars type="auto">
        <Stack gap="lg" pr="xs">
          {template.definition.dimensions.map((d) => {
            const dimAnswered = d.items.filter((i) => answers[i.code] !== undefined).length;
            const dimPoints = d.items.reduce((s, i) => s + pointsOf(i.code), 0);
            return (
              <Stack key={d.code} gap={6} component="section" aria-label={`Dimensione ${d.label}`}>
                <Group justify="space-between" style={{ position: 'sticky', top: 0, zIndex: 10, background: 'var(--mantine-color-body)' }} py={4}>
                  <Title order={4}>{d.label}</Title>
                  <Text size="sm" c="dimmed">{dimPoints} punti · {dimAnswered} di {d.items.length} risposte</Text>
                </Group>
                {d.items.map((item) => {
                  const error = errors[`answers.${item.code}`];
                  return (
                    <Paper
                      key={item.code}
                      withBorder
                      px="sm"
                      py={6}
                      radius="sm"
                      data-testid={`item-${item.code}`}
                      data-error={error ? 'true' : undefined}
                      style={error ? { borderColor: 'var(--mantine-color-red-6)', background: 'var(--mantine-color-red-0)' } : undefined}
                    >
                      <Group wrap="nowrap" justify="space-between" gap="sm">
                        <Box style={{ flex: 1, minWidth: 0 }}>
                          <Text size="sm" id={`q-${item.code}`}>
                            <Text span c="dimmed" size="sm">{numberOf.get(item.code)}.</Text> {item.text}
                          </Text>
                          {error && <Text size="xs" c="red.7">{error}</Text>}
                        </Box>
                        <SegmentedControl
                          size="xs"
                          color="blue"
                          aria-labelledby={`q-${item.code}`}
                          value={answers[item.code] ?? ''}
                          onChange={(v) => answer(item.code, v)}
                          data={item.options.map((o) => ({ value: o.code, label: `${o.label} · ${o.points}` }))}
                        />
                      </Group>
                    </Paper>
                  );
                })}
              </Stack>
            );
          })}
        </Stack>
      </ScrollArea>
      <ScrollArea h={COLUMN_HEIGHT} w={300} type="auto" style={{ flexShrink: 0 }}>
        <Stack gap="sm" aria-label="Riepilogo della valutazione">
          <BandSummary total={total} band={band} missing={items.length - answered} />
          <div>
            <Text size="sm" data-testid="assessment-answered">{answered} di {items.length} risposte</Text>
            <Progress value={items.length ? (answered * 100) / items.length : 0} size="sm" mt={4} aria-label="Risposte date" />
          </div>
          <Text size="xs" c="dimmed">
            Fasce: fragile oltre {template.thresholds.fragileAbove} punti, profilo forte sotto {template.thresholds.strongBelow}. Questionario v{template.version}.
          </Text>
          <DateField label="Data della valutazione" value={assessedOn} onChange={setAssessedOn} error={errors.assessedOn} withAsterisk />
          <Textarea label="Note" placeholder="Facoltative" autosize minRows={1} maxRows={5} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} />
          {failure && <Alert color="red" p="xs" role="alert">Valutazione non salvata. {failure}</Alert>}
          <Button onClick={save} loading={create.isPending}>Salva valutazione</Button>
        </Stack>
      </ScrollArea>
    </Group>
  );
}

function Saved({ assessment, canRoute, onRoute, onClose }: { assessment: AssessmentDetail; canRoute: boolean; onRoute: (a: CaseAction) => void; onClose: () => void }) {
  const proposal = routingFor(assessment.band);
  return (
    <Stack maw={560} mx="auto" py="lg" align="center" ta="center">
      <IconCircleCheck size={48} color="var(--mantine-color-green-6)" />
      <Title order={3}>Valutazione registrata</Title>
      <Text>
        Totale <b>{assessment.totalPoints} punti</b>:{' '}
        <Badge color={BAND_COLORS[assessment.band]} size="lg" variant="light">{BAND_LABELS[assessment.band].label}</Badge>
      </Text>
      <Text size="sm">Proposta: {BAND_LABELS[assessment.band].routing}.</Text>
      <Group>
        <Button variant="default" onClick={onClose}>Decidere più tardi</Button>
        {canRoute && <Button color={assessment.band === 'target' ? 'green' : 'orange'} onClick={() => onRoute(proposal.action)} data-autofocus>{proposal.label}</Button>}
      </Group>
    </Stack>
  );
}

/** The L.R. 14/2015 questionnaire, with the running total and band, then the routing the band proposes. */
export function AssessmentForm({
  opened,
  caseView,
  personName,
  canRoute,
  onClose,
  onRoute,
}: {
  opened: boolean;
  caseView: CaseView;
  personName: string;
  canRoute: boolean;
  onClose: () => void;
  onRoute: (a: CaseAction) => void;
}) {
  const template = useApiQuery('assessments.template', {}, { enabled: opened });
  const [saved, setSaved] = useState<AssessmentDetail | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const reset = () => {
    setSaved(null);
    setAnswers({});
  };
  const close = () => {
    reset();
    onClose();
  };
  const askClose = () => {
    if (saved || Object.keys(answers).length === 0) return close();
    modals.openConfirmModal({
      title: 'Chiudere senza salvare?',
      children: <Text size="sm">Le risposte date finora andranno perse.</Text>,
      labels: { confirm: 'Chiudi senza salvare', cancel: 'Continua la valutazione' },
      confirmProps: { color: 'red' },
      onConfirm: close,
    });
  };
  return (
    <Modal opened={opened} onClose={askClose} title={`Valutazione L.R. 14/2015 — ${personName}`} size="min(1280px, 96vw)" yOffset="3dvh" closeOnClickOutside={false}>
      {saved ? (
        <Saved
          assessment={saved}
          canRoute={canRoute}
          onClose={close}
          onRoute={(a) => {
            reset();
            onRoute(a);
          }}
        />
      ) : (
        <QueryState query={template}>{(t) => <Questionnaire key={t.id} template={t} caseView={caseView} answers={answers} setAnswers={setAnswers} onSaved={setSaved} />}</QueryState>
      )}
    </Modal>
  );
}
