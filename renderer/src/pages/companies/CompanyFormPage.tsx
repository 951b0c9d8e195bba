import { Alert, Anchor, Autocomplete, Checkbox, Grid, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck, IconMapPinOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { LEGAL_FORMS, SIZE_BAND_LABELS, SIZE_BANDS, type CompanyDetail } from '../../../../electron/contract/companies';
import type { ReferenceData } from '../../../../electron/contract/system';
import { CASE_WRITERS } from '../../../../electron/contract/roles';
import { todayIso } from '../../../../electron/domain/dates';
import { validatePartitaIva } from '../../../../electron/domain/partitaIva';
import { ApiError, call } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { useReference } from '../../api/reference';
import { useCurrentUser } from '../../auth/AuthProvider';
import { applyServerErrors } from '../../auth/formErrors';
import { DateField } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { companyFormValidation, companyInputFrom, emptyCompanyValues, valuesFromCompany, type CompanyFormValues } from './companyForm';
import { FormSaveBar } from '../../components/FormSaveBar';
import { StaleRecordAlert, staleRecordMessage, useRecordReload } from '../../components/StaleRecordAlert';

type Form = UseFormReturnType<CompanyFormValues>;
const REP_ROLES = ['Titolare', 'Legale rappresentante', 'Amministratore delegato', 'Amministratore unico', 'Presidente', 'Socio amministratore'];

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Title order={4} mb="sm" id={id}>
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

/** The company already registered with a partita IVA: from the live check or from the server's refusal. */
interface Duplicate {
  id: number;
  name: string;
}

function DuplicateAlert({ duplicate }: { duplicate: Duplicate }) {
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} p="xs" title="Partita IVA già registrata">
      <Text size="sm">
        Questa partita IVA appartiene già a «{duplicate.name}» (azienda n. {duplicate.id}).{' '}
        <Anchor component={Link} to={`/aziende/${duplicate.id}`} fw={600} size="sm">
          Apri l’azienda esistente
        </Anchor>
      </Text>
    </Alert>
  );
}

/**
 * The partita IVA with its check digit verified as it is typed, the codice fiscale beside it, and
 * under both the company that already has that partita IVA, with a link to it.
 */
function VatRow({ form, companyId, refused }: { form: Form; companyId: number | null; refused: Duplicate | null }) {
  const typed = form.getValues().vatNumber;
  const valid = validatePartitaIva(typed);
  const [debounced] = useDebouncedValue(valid.ok ? valid.value : '', 250);
  const check = useApiQuery('companies.checkVat', { vatNumber: debounced, excludeId: companyId }, { enabled: debounced.length === 11 });
  const existing = valid.ok && debounced === valid.value ? (check.data?.existing ?? null) : null;
  const duplicate = existing ?? (refused && valid.ok ? refused : null);
  const complete = typed.replace(/\s/g, '').length >= 11;
  const { error, ...vatProps } = form.getInputProps('vatNumber');
  return (
    <>
      <SimpleGrid cols={2}>
        <TextInput
          label="Partita IVA"
          withAsterisk
          autoComplete="off"
          maxLength={20}
          placeholder="11 cifre"
          rightSection={valid.ok && !duplicate ? <IconCircleCheck size={18} color="var(--mantine-color-green-6)" aria-label="Partita IVA valida" /> : null}
          description={valid.ok && !duplicate ? 'Partita IVA valida' : undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          {...vatProps}
          // the alert below explains a duplicate: the field only turns red
          error={duplicate ? true : ((error as ReactNode) ?? (complete && !valid.ok ? valid.error : undefined))}
        />
        <TextInput label="Codice fiscale" description="Solo se diverso dalla partita IVA" inputWrapperOrder={['label', 'input', 'description', 'error']} autoComplete="off" {...form.getInputProps('taxCode')} />
      </SimpleGrid>
      {duplicate && <DuplicateAlert duplicate={duplicate} />}
    </>
  );
}

function referenceOptions(ref: ReferenceData) {
  const districtName = new Map(ref.districts.map((d) => [d.code, d.name]));
  return {
    districtOf: new Map(ref.comuni.map((c) => [c.istatCode, districtName.get(c.districtCode) ?? c.districtCode])),
    comuni: [...ref.comuni].sort((a, b) => a.name.localeCompare(b.name, 'it')).map((c) => ({ value: c.istatCode, label: c.name })),
    ateco: ref.atecoSections.map((a) => ({ value: a.code, label: `${a.code} – ${a.name}` })),
    associations: ref.organisations.filter((o) => o.kind === 'associazione_imprese').map((o) => ({ value: String(o.id), label: o.name })),
  };
}

function CompanyFields({ form, reference, companyId, refused }: { form: Form; reference: ReferenceData; companyId: number | null; refused: Duplicate | null }) {
  const options = useMemo(() => referenceOptions(reference), [reference]);
  const v = form.getValues();
  const district = v.seatIstat ? options.districtOf.get(v.seatIstat) : null;
  return (
    <Grid gap="md">
      <Grid.Col span={6}>
        <Stack gap="md">
          <Section title="Dati dell’azienda">
            <TextInput label="Ragione sociale" withAsterisk autoFocus autoComplete="off" placeholder="Es. Logistica Felsinea S.r.l." {...form.getInputProps('name')} />
            <VatRow form={form} companyId={companyId} refused={refused} />
            <SimpleGrid cols={2}>
              <Autocomplete label="Forma giuridica" placeholder="Es. S.r.l." data={[...LEGAL_FORMS]} {...form.getInputProps('legalForm')} />
              <Select label="Dimensione" placeholder="Non indicata" clearable data={SIZE_BANDS.map((s) => ({ value: s, label: SIZE_BAND_LABELS[s] }))} {...form.getInputProps('sizeBand')} />
            </SimpleGrid>
            <Select label="Settore ATECO" placeholder="Sezione ATECO dell’attività principale" searchable clearable data={options.ateco} {...form.getInputProps('atecoSection')} />
            <Select label="Associazione di categoria" placeholder="Nessuna" clearable data={options.associations} {...form.getInputProps('employerOrgId')} />
          </Section>
          {companyId === null && (
            <Section title="Board di imprese">
              <Checkbox label="Fa parte del Board di imprese" description="Altrimenti è un’azienda collaboratrice; si può cambiare dalla scheda" {...form.getInputProps('boardMember', { type: 'checkbox' })} />
              {v.boardMember && <DateField label="Nel Board dal" withAsterisk maxDate={todayIso()} w={200} {...form.getInputProps('boardSince')} />}
            </Section>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={6}>
        <Stack gap="md">
          <Section title="Sede">
            <Checkbox label="Sede fuori dalla Città metropolitana" {...form.getInputProps('outsideMetro', { type: 'checkbox' })} />
            {v.outsideMetro ? (
              <TextInput label="Comune" withAsterisk placeholder="Es. Modena" leftSection={<IconMapPinOff size={16} />} {...form.getInputProps('seatCity')} />
            ) : (
              <Select
                label="Comune"
                withAsterisk
                placeholder="Uno dei 55 comuni della Città metropolitana"
                searchable
                clearable
                data={options.comuni}
                description={district ? `Distretto: ${district}` : undefined}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                {...form.getInputProps('seatIstat')}
              />
            )}
            <Grid>
              <Grid.Col span={9}>
                <TextInput label="Via / piazza" autoComplete="off" {...form.getInputProps('seatStreet')} />
              </Grid.Col>
              <Grid.Col span={3}>
                <TextInput label="Civico" autoComplete="off" {...form.getInputProps('seatNumber')} />
              </Grid.Col>
            </Grid>
          </Section>
          <Section title="Contatti e legale rappresentante">
            <Grid>
              <Grid.Col span={4}>
                <TextInput label="Telefono" type="tel" autoComplete="off" {...form.getInputProps('phone')} />
              </Grid.Col>
              <Grid.Col span={8}>
                <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps('email')} />
              </Grid.Col>
            </Grid>
            <TextInput label="PEC" type="email" autoComplete="off" placeholder="Posta elettronica certificata" {...form.getInputProps('pec')} />
            <SimpleGrid cols={2}>
              <TextInput label="Legale rappresentante" placeholder="Nome e cognome" autoComplete="off" {...form.getInputProps('legalRepName')} />
              <Autocomplete label="Ruolo" placeholder="Es. Titolare" data={REP_ROLES} {...form.getInputProps('legalRepRole')} />
            </SimpleGrid>
          </Section>
          <Section title="Note">
            <Textarea aria-label="Note" placeholder="Facoltative: come è nata la collaborazione, preferenze sui turni…" autosize minRows={2} maxRows={5} {...form.getInputProps('notes')} />
          </Section>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/**
 * True when Esc belongs to a dropdown or dialog, which closes itself: a select or suggestion field
 * (its dropdown may already be closed by the time the key reaches the page) or an open dialog.
 */
function escapeHandledElsewhere(event: KeyboardEvent): boolean {
  const target = event.target instanceof HTMLElement ? event.target : null;
  return event.defaultPrevented || target?.getAttribute('role') === 'combobox' || document.querySelector('[role="dialog"]') !== null;
}

/** `onReload` loads the company again into a new form (after another user's save refused this one). */
function CompanyForm({ reference, company, onReload }: { reference: ReferenceData; company: CompanyDetail | null; onReload?: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<Duplicate | null>(null);
  // the version the form was filled from: the save sends it back, however often the page refetches
  const [version] = useState(company?.version ?? 0);
  const [stale, setStale] = useState<string | null>(null);
  const form = useForm<CompanyFormValues>({
    initialValues: company ? valuesFromCompany(company) : emptyCompanyValues(),
    validate: companyFormValidation,
    onValuesChange: (values, previous) => {
      if (values.vatNumber !== previous.vatNumber) setRefused(null);
    },
  });

  const leave = () => {
    const canGoBack = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
    if (canGoBack) void navigate(-1);
    else void navigate(company ? `/aziende/${company.id}` : '/aziende');
  };
  const cancel = () => {
    if (!form.isDirty()) return leave();
    modals.openConfirmModal({
      title: 'Uscire senza salvare?',
      children: <Text size="sm">I dati inseriti in questo modulo andranno persi.</Text>,
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

  const save = async (values: CompanyFormValues) => {
    setSaving(true);
    try {
      const input = companyInputFrom(values, company);
      let id: number;
      if (company) {
        await call('companies.update', { id: company.id, version, ...input });
        id = company.id;
      } else {
        id = (await call('companies.create', { ...input, boardSince: values.boardMember ? values.boardSince : null })).companyId;
      }
      await queryClient.invalidateQueries();
      notifications.show({ color: 'green', message: company ? 'Dati dell’azienda aggiornati' : `Azienda registrata: ${input.name}` });
      form.resetDirty();
      void navigate(`/aziende/${id}`, { replace: true });
    } catch (error) {
      const staleMessage = staleRecordMessage(error);
      setStale(staleMessage);
      // the refusal of an old version is told by the alert in the save bar, with its «Ricarica»
      if (staleMessage) return;
      const message = applyServerErrors(form, error);
      if (error instanceof ApiError && error.fields.existingId) {
        setRefused({ id: Number(error.fields.existingId), name: /«(.+)»/.exec(error.message)?.[1] ?? 'un’altra azienda' });
        form.clearFieldError('vatNumber');
        form.clearFieldError('existingId');
      }
      notifications.show({ color: 'red', title: company ? 'Modifiche non salvate' : 'Registrazione non riuscita', message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit(
        (values) => void save(values),
        () => notifications.show({ id: 'azienda-campi-da-controllare', color: 'red', message: 'Controllare i campi evidenziati in rosso' }),
      )}
    >
      <CompanyFields form={form} reference={reference} companyId={company?.id ?? null} refused={refused} />
      <FormSaveBar
        submitLabel={company ? 'Salva modifiche' : 'Registra azienda'}
        saving={saving}
        onCancel={cancel}
        notice={stale && onReload && <StaleRecordAlert message={stale} dirty={form.isDirty()} onReload={onReload} />}
      />
    </form>
  );
}

function EditCompany({ id }: { id: number }) {
  const reference = useReference();
  const page = useApiQuery('companies.get', { id });
  // «Ricarica»: a new form, filled from the record as saved now
  const { loads, reload } = useRecordReload();
  return (
    <>
      <PageHeader title={page.data ? `Modifica: ${page.data.company.name}` : 'Modifica azienda'} subtitle="Anagrafica, sede, contatti" />
      <QueryState query={reference}>
        {(ref) => <QueryState query={page}>{({ company }) => <CompanyForm key={`${company.id}-${loads}`} reference={ref} company={company} onReload={reload} />}</QueryState>}
      </QueryState>
    </>
  );
}

/** /aziende/nuova registers a company; /aziende/:id/modifica edits its registry data. */
export function CompanyFormPage() {
  const { id } = useParams();
  const user = useCurrentUser();
  const reference = useReference();
  const companyId = id === undefined ? null : Number(id);
  if (!CASE_WRITERS.includes(user.role)) {
    return (
      <>
        <PageHeader title={companyId === null ? 'Nuova azienda' : 'Modifica azienda'} />
        <Alert color="yellow" title="Operazione non consentita">
          Il suo ruolo non consente di registrare o modificare le aziende.{' '}
          <Anchor component={Link} to={companyId === null ? '/aziende' : `/aziende/${companyId}`}>
            {companyId === null ? 'Torna all’elenco delle aziende' : 'Torna alla scheda'}
          </Anchor>
        </Alert>
      </>
    );
  }
  if (companyId === null) {
    return (
      <>
        <PageHeader title="Nuova azienda" subtitle="Registrazione nell’anagrafe delle aziende" />
        <QueryState query={reference}>{(ref) => <CompanyForm reference={ref} company={null} />}</QueryState>
      </>
    );
  }
  if (!Number.isSafeInteger(companyId) || companyId <= 0) {
    return (
      <>
        <PageHeader title="Modifica azienda" />
        <Alert color="red">Scheda non trovata: l’indirizzo non indica un’azienda.</Alert>
      </>
    );
  }
  return <EditCompany id={companyId} />;
}
