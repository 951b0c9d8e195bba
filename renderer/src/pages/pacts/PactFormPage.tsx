import { Alert, Anchor, Autocomplete, Box, Button, Card, Checkbox, Grid, Group, Kbd, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useHotkeys } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDeviceFloppy } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { PactInterventionOption, PactPrefill } from '../../../../electron/contract/pacts';
import { CASE_WRITERS } from '../../../../electron/contract/roles';
import { modeForInstrument, PACT_MODE_LABELS, PACT_MODES, PACT_STATUS_LABELS, splitFullName } from '../../../../electron/domain/pacts';
import { ApiError, call } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { useReference } from '../../api/reference';
import { useCurrentUser } from '../../auth/AuthProvider';
import { DateField } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StaleRecordAlert, staleRecordMessage, useRecordReload } from '../../components/StaleRecordAlert';
import { formatDate } from '../../format';
import { CompanyPicker, PersonPicker } from './pickers';
import { fieldsFrom, formErrorsFrom, formValuesFrom, pactFormValidation, SIGNER_ROLES, type PactFormValues } from './pactForm';

const INTERVENTION_STATUS: Record<string, string> = { proposto: 'proposto', attivo: 'attivo', concluso: 'concluso', interrotto: 'interrotto' };

/** The pact's company is already chosen: an intervention names a company only when it has none. */
function interventionLabel(i: PactInterventionOption): string {
  const parts = [i.instrumentName, ...(i.companyId === null ? ['senza azienda'] : []), INTERVENTION_STATUS[i.status] ?? i.status];
  if (i.startDate) parts.push(`dal ${formatDate(i.startDate)}`);
  return parts.join(' · ');
}

/** True when the key press belongs to an open dropdown or dialog, which closes itself on Esc. */
function escapeHandledElsewhere(event: KeyboardEvent): boolean {
  const target = event.target instanceof HTMLElement ? event.target : null;
  return event.defaultPrevented || target?.getAttribute('aria-expanded') === 'true' || document.querySelector('[role="dialog"]') !== null;
}

type InputProps = ReturnType<ReturnType<typeof useForm<PactFormValues>>['getInputProps']>;

function StreetAndNumber({ street, number }: { street: InputProps; number: InputProps }) {
  return (
    <Grid gap="md">
      <Grid.Col span={9}>
        <TextInput label="Via" {...street} />
      </Grid.Col>
      <Grid.Col span={3}>
        <TextInput label="N." {...number} />
      </Grid.Col>
    </Grid>
  );
}

interface FormProps {
  personId: number;
  companyId: number;
  /** null for a new pact; `version` is the one the form was filled from, sent back with the save */
  pact: { id: number; number: string; version: number } | null;
  initial: PactFormValues;
  prefill: PactPrefill;
  /** Loads the pact again into a new form (after another user's save refused this one). */
  onReload?: () => void;
}

/** The fields of the paper form, grouped as on the form; saved as a draft. */
function PactForm({ personId, companyId, pact, initial, prefill, onReload }: FormProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const reference = useReference();
  const formRef = useRef<HTMLFormElement>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  // fixed when the form is filled: a refetch of the page does not change what the save claims to have read
  const [version] = useState(pact?.version ?? 0);
  const form = useForm<PactFormValues>({ initialValues: initial, validate: pactFormValidation });

  const referents = useMemo(() => (reference.data?.referents ?? []).map((r) => ({ value: String(r.id), label: r.fullName })), [reference.data]);
  const interventions = useMemo(() => prefill.interventions.map((i) => ({ value: String(i.id), label: interventionLabel(i) })), [prefill.interventions]);
  const existing = prefill.existing.filter((e) => e.id !== pact?.id);

  const leave = () => {
    const canGoBack = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
    if (canGoBack) void navigate(-1);
    else void navigate(pact ? `/patti/${pact.id}` : '/patti');
  };
  const cancel = () => {
    if (!form.isDirty()) return leave();
    modals.openConfirmModal({
      title: 'Uscire senza salvare?',
      children: <Text size="sm">Le modifiche al patto andranno perse.</Text>,
      labels: { confirm: 'Esci senza salvare', cancel: 'Continua a compilare' },
      confirmProps: { color: 'red' },
      onConfirm: leave,
    });
  };
  useHotkeys(
    [
      ['mod+S', () => formRef.current?.requestSubmit()],
      ['Escape', (event) => !escapeHandledElsewhere(event) && cancel(), { preventDefault: false }],
    ],
    [],
  );

  const chooseIntervention = (value: string | null) => {
    form.setFieldValue('interventionId', value);
    const chosen = prefill.interventions.find((i) => String(i.id) === value);
    const mode = modeForInstrument(chosen?.instrumentCode);
    if (mode) form.setFieldValue('modes', [mode, ...(form.values.modes.includes('altro') ? (['altro'] as const) : [])]);
  };
  const chooseReferent = (value: string | null) => {
    form.setFieldValue('referentUserId', value);
    const user = reference.data?.referents.find((r) => String(r.id) === value);
    if (user) {
      const { firstName, lastName } = splitFullName(user.fullName);
      form.setFieldValue('referentFirstName', firstName);
      form.setFieldValue('referentLastName', lastName);
    }
  };

  const save = async (values: PactFormValues) => {
    setSaving(true);
    setFailure(null);
    const interventionId = values.interventionId ? Number(values.interventionId) : null;
    try {
      const saved = pact
        ? await call('pacts.update', { id: pact.id, version, interventionId, fields: fieldsFrom(values) })
        : await call('pacts.create', { personId, companyId, interventionId, fields: fieldsFrom(values) });
      await queryClient.invalidateQueries();
      notifications.show({ color: 'green', message: pact ? `Patto ${saved.number} aggiornato` : `Patto ${saved.number} creato in bozza: ora si può stampare` });
      form.resetDirty();
      void navigate(`/patti/${saved.id}`, { replace: true });
    } catch (error) {
      const staleMessage = staleRecordMessage(error);
      setStale(staleMessage);
      if (staleMessage) return;
      if (error instanceof ApiError && Object.keys(error.fields).length) form.setErrors(formErrorsFrom(error.fields));
      setFailure(error instanceof Error ? error.message : 'Salvataggio non riuscito');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => void save(v))}>
      <Stack gap="md">
        {existing.length > 0 && (
          <Alert color="yellow" title="Per questa persona e questa azienda c’è già un patto">
            {existing.map((e, i) => (
              <span key={e.id}>
                {i > 0 && ', '}
                <Anchor component={Link} to={`/patti/${e.id}`} c="inherit">
                  {e.number}
                </Anchor>{' '}
                ({PACT_STATUS_LABELS[e.status].toLowerCase()}, {formatDate(e.pactDate)})
              </span>
            ))}
            . Verificare che non sia un doppione prima di salvarne uno nuovo.
          </Alert>
        )}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="md">
              <Card withBorder radius="md">
                <Title order={4} mb="xs">Azienda e firmatario</Title>
                <Stack gap="xs">
                  <Group grow align="flex-start">
                    <TextInput label="Il sottoscritto (nome e cognome)" withAsterisk {...form.getInputProps('signerName')} />
                    <Autocomplete label="Come (titolare e/o legale rappr.)" withAsterisk data={SIGNER_ROLES} {...form.getInputProps('signerRole')} />
                  </Group>
                  <TextInput label="Sede: comune" withAsterisk {...form.getInputProps('seatCity')} />
                  <StreetAndNumber street={form.getInputProps('seatStreet')} number={form.getInputProps('seatNumber')} />
                </Stack>
              </Card>
              <Card withBorder radius="md">
                <Title order={4} mb="xs">Modalità di collaborazione</Title>
                <Stack gap="xs">
                  <Select
                    label="Percorso collegato"
                    description="Facoltativo: il tirocinio, l’inserimento o l’autoimpiego a cui si riferisce il patto"
                    placeholder={interventions.length ? 'Nessuno' : 'La persona non ha percorsi con questa azienda'}
                    data={interventions}
                    clearable
                    disabled={interventions.length === 0}
                    value={form.values.interventionId}
                    onChange={chooseIntervention}
                    error={form.errors.interventionId}
                  />
                  <Checkbox.Group label="Si rende disponibile a collaborare nella seguente modalità" withAsterisk {...form.getInputProps('modes')}>
                    <Stack gap={6} mt={6}>
                      {PACT_MODES.map((m) => (
                        <Checkbox key={m} value={m} label={PACT_MODE_LABELS[m]} />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                  {form.values.modes.includes('altro') && (
                    <TextInput label="Altro: quale" withAsterisk placeholder="es. tutoraggio aziendale" {...form.getInputProps('modeAltroText')} />
                  )}
                </Stack>
              </Card>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="md">
              <Card withBorder radius="md">
                <Title order={4} mb="xs">Persona</Title>
                <Stack gap="xs">
                  <Group grow align="flex-start">
                    <TextInput label="Nome" withAsterisk {...form.getInputProps('personFirstName')} />
                    <TextInput label="Cognome" withAsterisk {...form.getInputProps('personLastName')} />
                  </Group>
                  <Group grow align="flex-start">
                    <TextInput label="Nato a" {...form.getInputProps('personBirthPlace')} />
                    <DateField label="Il" {...form.getInputProps('personBirthDate')} />
                  </Group>
                  <TextInput label="Attualmente domiciliato a" {...form.getInputProps('personCity')} />
                  <StreetAndNumber street={form.getInputProps('personStreet')} number={form.getInputProps('personNumber')} />
                </Stack>
              </Card>
              <Card withBorder radius="md">
                <Title order={4} mb="xs">Referente, data e luogo</Title>
                <Stack gap="xs">
                  <Select
                    label="Referente di Insieme per il lavoro per le parti"
                    placeholder="Scegliere un utente"
                    searchable
                    data={referents}
                    value={form.values.referentUserId}
                    onChange={chooseReferent}
                    error={form.errors.referentUserId}
                  />
                  <Group grow align="flex-start">
                    <TextInput label="Nome del referente" withAsterisk {...form.getInputProps('referentFirstName')} />
                    <TextInput label="Cognome del referente" withAsterisk {...form.getInputProps('referentLastName')} />
                  </Group>
                  <Group grow align="flex-start">
                    <DateField label="Data" withAsterisk {...form.getInputProps('pactDate')} />
                    <TextInput label="Luogo" withAsterisk {...form.getInputProps('pactPlace')} />
                  </Group>
                </Stack>
              </Card>
            </Stack>
          </Grid.Col>
        </Grid>
        {failure && <Alert color="red" title="Patto non salvato">{failure}</Alert>}
        {/* always in sight on a laptop screen */}
        <Paper withBorder radius="md" p="sm" pos="sticky" bottom={0} style={{ zIndex: 2 }} shadow="sm">
          {stale && onReload && (
            <Box mb="sm">
              <StaleRecordAlert message={stale} dirty={form.isDirty()} onReload={onReload} />
            </Box>
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              Si salva in bozza: si può modificare fino alla stampa. <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">S</Kbd> per salvare.
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={cancel}>
                Annulla
              </Button>
              <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={16} />}>
                {pact ? 'Salva modifiche' : 'Salva bozza'}
              </Button>
            </Group>
          </Group>
        </Paper>
      </Stack>
    </form>
  );
}

function numberParam(value: string | null): number | null {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** /patti/nuovo?personId=&companyId=&interventionId=: choose the person and the company, then fill the form. */
export function PactNewPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const personParam = numberParam(params.get('personId'));
  const companyParam = numberParam(params.get('companyId'));
  const interventionParam = numberParam(params.get('interventionId'));
  const any = personParam !== null || companyParam !== null || interventionParam !== null;
  const prefill = useApiQuery('pacts.prefill', { personId: personParam, companyId: companyParam, interventionId: interventionParam }, { enabled: any && CASE_WRITERS.includes(user.role) });
  const data = any ? prefill.data : undefined;
  const personId = personParam ?? data?.person?.id ?? null;
  const companyId = companyParam ?? data?.company?.id ?? null;

  const change = (next: { personId?: number | null; companyId?: number | null }) => {
    const p = new URLSearchParams();
    const person = next.personId !== undefined ? next.personId : personId;
    const company = next.companyId !== undefined ? next.companyId : companyId;
    if (person !== null) p.set('personId', String(person));
    if (company !== null) p.set('companyId', String(company));
    // the intervention belongs to one person and one company: changing either drops it
    if (interventionParam !== null && next.personId === undefined && next.companyId === undefined) p.set('interventionId', String(interventionParam));
    setParams(p, { replace: true });
  };

  if (!CASE_WRITERS.includes(user.role)) {
    return (
      <>
        <PageHeader title="Nuovo patto" />
        <Alert color="orange" title="Operazione non consentita">Il proprio ruolo permette di consultare i patti, non di prepararli.</Alert>
      </>
    );
  }

  return (
    <>
      <Group mb="xs">
        <Button component={Link} to="/patti" variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />}>
          Elenco patti
        </Button>
      </Group>
      <PageHeader title="Nuovo patto" subtitle="Patto per il buon lavoro tra un’azienda e una persona: si salva in bozza, poi si stampa e si fa firmare" />
      <Card withBorder radius="md" mb="md">
        <Group grow align="flex-start">
          <PersonPicker
            key={`p${data?.person?.id ?? 'x'}`}
            label="Persona"
            placeholder="Cercare per cognome"
            withAsterisk
            autoFocus={personId === null}
            value={personId}
            initialLabel={data?.person?.name ?? null}
            onChange={(id) => change({ personId: id })}
          />
          <CompanyPicker
            key={`c${data?.company?.id ?? 'x'}`}
            label="Azienda"
            placeholder="Cercare per nome o partita IVA"
            withAsterisk
            value={companyId}
            initialLabel={data?.company?.name ?? null}
            onChange={(id) => change({ companyId: id })}
          />
        </Group>
      </Card>
      {prefill.error && any ? (
        <Alert color="red" title="Impossibile preparare il patto">{prefill.error.message}</Alert>
      ) : data?.values && personId !== null && companyId !== null ? (
        <PactForm key={`${personId}-${companyId}-${interventionParam ?? ''}`} personId={personId} companyId={companyId} pact={null} initial={formValuesFrom(data.values, data.interventionId)} prefill={data} />
      ) : (
        <Alert color="blue" title="Scegliere la persona e l’azienda">
          Il modulo si compila da sé con i dati della persona, il legale rappresentante e la sede dell’azienda: poi si controlla e si salva.
        </Alert>
      )}
    </>
  );
}

/** /patti/:id/modifica: a draft's fields (after printing a pact is not edited any more). */
export function PactEditPage() {
  const { id } = useParams();
  // «Ricarica»: a new form, filled from the pact as saved now
  const { loads, reload } = useRecordReload();
  const pactId = numberParam(id ?? null);
  const pact = useApiQuery('pacts.get', { id: pactId ?? 0 }, { enabled: pactId !== null });
  const prefill = useApiQuery('pacts.prefill', { personId: pact.data?.personId ?? null, companyId: pact.data?.companyId ?? null }, { enabled: pact.data !== undefined });
  return (
    <>
      <Group mb="xs">
        <Button component={Link} to={pactId ? `/patti/${pactId}` : '/patti'} variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />}>
          Torna al patto
        </Button>
      </Group>
      <PageHeader title={pact.data ? `Modifica patto ${pact.data.number}` : 'Modifica patto'} subtitle={pact.data ? `${pact.data.personLastName} ${pact.data.personFirstName} — ${pact.data.companyName}` : undefined} />
      {pactId === null ? (
        <Alert color="red" title="Patto non trovato">L’indirizzo non indica un patto valido.</Alert>
      ) : (
        <QueryState query={pact}>
          {(p) =>
            p.status !== 'bozza' ? (
              <Alert color="orange" title="Il patto non è più in bozza">
                Dopo la stampa il patto non si modifica: se i dati sono sbagliati, annullarlo e prepararne uno nuovo.{' '}
                <Anchor component={Link} to={`/patti/${p.id}`} c="inherit">Torna al patto</Anchor>
              </Alert>
            ) : (
              <QueryState query={prefill}>
                {(pre) => (
                  <PactForm
                    key={loads}
                    personId={p.personId}
                    companyId={p.companyId}
                    pact={{ id: p.id, number: p.number, version: p.version }}
                    initial={formValuesFrom(p, p.interventionId)}
                    prefill={pre}
                    onReload={reload}
                  />
                )}
              </QueryState>
            )
          }
        </QueryState>
      )}
    </>
  );
}
