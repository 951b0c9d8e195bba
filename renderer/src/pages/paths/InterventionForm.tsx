import { Alert, Button, Checkbox, Group, Modal, NumberInput, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import type { InterventionFields, InterventionView } from '../../../../electron/contract/paths';
import {
  CONTRACT_TYPE_LABELS,
  CONTRACT_TYPES,
  HIRE_KIND_LABELS,
  HIRE_KINDS,
  INSTRUMENT_LABELS,
  INSTRUMENTS,
  REPAYMENT_STATUS_LABELS,
  REPAYMENT_STATUSES,
  TRAINEE_CATEGORIES,
  TRAINEE_CATEGORY_LABELS,
  type ContractType,
  type HireKind,
  type Instrument,
  type RepaymentStatus,
  type TraineeCategory,
} from '../../../../electron/domain/paths';
import { formatEuro, parseEuro } from '../../../../electron/domain/money';
import { ApiError } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { useReference } from '../../api/reference';
import { DateField } from '../../components/DateField';
import { CompanySelect } from './CompanySelect';

/**
 * Add or edit an intervention (Mantine form): the instrument's own fields only — an inserimento asks
 * for the company, contract type and hire kind, a tirocinio for the host, tutor, monthly indemnity and
 * length, and so on. The server checks the rules (€ 450 minimum, longest traineeship…) and its
 * messages land next to the fields.
 */

interface Values {
  instrumentCode: Instrument | null;
  status: 'proposto' | 'attivo';
  companyId: string | null;
  startDate: string | null;
  endDate: string | null;
  outcome: string;
  notes: string;
  contractType: ContractType | null;
  hireKind: HireKind | null;
  weeklyHours: number | string;
  tutorName: string;
  monthlyIndemnity: string;
  months: number | string;
  inclusiveTraineeship: boolean;
  traineeCategory: TraineeCategory | null;
  courseName: string;
  providerOrgId: string | null;
  courseHours: number | string;
  completed: boolean;
  certificate: string;
  businessIdea: string;
  grant: string;
  lender: string;
  loan: string;
  repaymentStatus: RepaymentStatus | null;
  projectName: string;
  projectRole: string;
}

const euroText = (cents: number | null) => (cents === null ? '' : formatEuro(cents).replace('€ ', ''));
const int = (v: number | string): number | null => (v === '' || v === null ? null : Number(v));
/** Money typed the Italian way: empty is null, anything unreadable is undefined (an error). */
const euro = (text: string): number | null | undefined => (text.trim() === '' ? null : (parseEuro(text) ?? undefined));
const EURO_ERROR = 'Importo non valido: scrivere ad esempio 450 o 450,00';

function initialValues(existing: InterventionView | null, preset: Partial<Values>): Values {
  const e = existing;
  return {
    instrumentCode: e?.instrumentCode ?? null,
    status: 'proposto',
    companyId: e?.companyId ? String(e.companyId) : null,
    startDate: e?.startDate ?? null,
    endDate: e?.endDate ?? null,
    outcome: e?.outcome ?? '',
    notes: e?.notes ?? '',
    contractType: e?.contractType ?? null,
    hireKind: e?.hireKind ?? null,
    weeklyHours: e?.weeklyHours ?? '',
    tutorName: e?.tutorName ?? '',
    monthlyIndemnity: euroText(e?.monthlyIndemnityCents ?? null),
    months: e?.months ?? '',
    inclusiveTraineeship: e?.inclusiveTraineeship ?? false,
    traineeCategory: e?.traineeCategory ?? null,
    courseName: e?.courseName ?? '',
    providerOrgId: e?.providerOrgId ? String(e.providerOrgId) : null,
    courseHours: e?.courseHours ?? '',
    completed: e?.completed ?? false,
    certificate: e?.certificate ?? '',
    businessIdea: e?.businessIdea ?? '',
    grant: euroText(e?.grantCents ?? null),
    lender: e?.lender ?? '',
    loan: euroText(e?.loanCents ?? null),
    repaymentStatus: e?.repaymentStatus ?? null,
    projectName: e?.projectName ?? '',
    projectRole: e?.projectRole ?? '',
    ...preset,
  };
}

/** The server's field names → the form's (money is typed in euro, sent in cents). */
const SERVER_FIELDS: Record<string, keyof Values> = { monthlyIndemnityCents: 'monthlyIndemnity', grantCents: 'grant', loanCents: 'loan' };

function toFields(v: Values, existing: InterventionView | null): InterventionFields {
  const text = (s: string) => s.trim() || null;
  return {
    companyId: v.companyId ? Number(v.companyId) : null,
    startDate: v.startDate,
    endDate: v.endDate,
    outcome: text(v.outcome),
    notes: text(v.notes),
    contractType: v.contractType,
    hireKind: v.hireKind,
    weeklyHours: int(v.weeklyHours),
    tutorName: text(v.tutorName),
    monthlyIndemnityCents: euro(v.monthlyIndemnity) ?? null,
    months: int(v.months),
    inclusiveTraineeship: v.inclusiveTraineeship,
    traineeCategory: v.traineeCategory,
    courseName: text(v.courseName),
    providerOrgId: v.providerOrgId ? Number(v.providerOrgId) : null,
    courseHours: int(v.courseHours),
    // an unticked box keeps a recorded "not completed", otherwise says nothing yet
    completed: v.completed ? true : existing?.completed === false ? false : null,
    certificate: v.completed ? text(v.certificate) : null,
    businessIdea: text(v.businessIdea),
    grantCents: euro(v.grant) ?? null,
    lender: text(v.lender),
    loanCents: euro(v.loan) ?? null,
    repaymentStatus: v.repaymentStatus,
    projectName: text(v.projectName),
    projectRole: text(v.projectRole),
  };
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

function InstrumentFields({ instrument, form, initialCompany }: { instrument: Instrument; form: UseFormReturnType<Values>; initialCompany: { id: number; name: string } | null }) {
  const reference = useReference();
  const providers = (reference.data?.organisations ?? []).filter((o) => o.kind === 'formazione' || o.kind === 'accoglienza').map((o) => ({ value: String(o.id), label: o.name }));
  const company = (label: string, required: boolean) => (
    <CompanySelect
      label={label}
      placeholder="Scrivere parte del nome"
      withAsterisk={required}
      initial={initialCompany}
      error={form.errors.companyId}
      value={form.values.companyId}
      onChange={(v) => form.setFieldValue('companyId', v)}
    />
  );
  const money = (field: 'monthlyIndemnity' | 'grant' | 'loan', label: string, description?: string) => (
    <TextInput label={label} description={description} leftSection="€" placeholder="0,00" inputMode="decimal" {...form.getInputProps(field)} />
  );
  switch (instrument) {
    case 'inserimento':
      return (
        <SimpleGrid cols={2} spacing="sm">
          {company('Azienda che assume', true)}
          <Select label="Tipo di contratto" placeholder="Scegliere" data={options(CONTRACT_TYPES, CONTRACT_TYPE_LABELS)} {...form.getInputProps('contractType')} />
          <Select label="Tipo di inserimento" placeholder="Scegliere" data={options(HIRE_KINDS, HIRE_KIND_LABELS)} {...form.getInputProps('hireKind')} />
          <NumberInput label="Ore settimanali" min={1} max={48} allowDecimal={false} {...form.getInputProps('weeklyHours')} />
        </SimpleGrid>
      );
    case 'tirocinio':
      return (
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm">
            {company('Azienda ospitante', true)}
            <TextInput label="Tutor aziendale" placeholder="Nome e cognome" {...form.getInputProps('tutorName')} />
            {money('monthlyIndemnity', 'Indennità mensile', 'Almeno € 450,00, tranne i tirocini di inclusione')}
            <NumberInput label="Durata (mesi)" description="Di norma al massimo 6" min={1} max={24} allowDecimal={false} {...form.getInputProps('months')} />
            <Select
              label="Condizione del tirocinante (dato riservato)"
              placeholder={TRAINEE_CATEGORY_LABELS.ordinario}
              clearable
              data={options(TRAINEE_CATEGORIES, TRAINEE_CATEGORY_LABELS)}
              {...form.getInputProps('traineeCategory')}
            />
            <Checkbox mt={30} label="Tirocinio di inclusione (DGR 1143/2019): fino a 24 mesi" {...form.getInputProps('inclusiveTraineeship', { type: 'checkbox' })} />
          </SimpleGrid>
        </Stack>
      );
    case 'formazione':
      return (
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="Corso" placeholder="Es. Corso OSS – Operatore socio-sanitario" {...form.getInputProps('courseName')} />
            <Select label="Ente di formazione" placeholder="Scegliere" searchable clearable data={providers} {...form.getInputProps('providerOrgId')} />
            <NumberInput label="Ore del corso" min={1} allowDecimal={false} {...form.getInputProps('courseHours')} />
            {company('Azienda coinvolta (facoltativa)', false)}
          </SimpleGrid>
          <Checkbox label="Corso completato" {...form.getInputProps('completed', { type: 'checkbox' })} />
          {form.values.completed && <TextInput label="Attestato o qualifica" placeholder="Es. Qualifica OSS" {...form.getInputProps('certificate')} />}
        </Stack>
      );
    case 'autoimpiego':
      return (
        <SimpleGrid cols={2} spacing="sm">
          <Textarea label="Idea d’impresa" autosize minRows={2} {...form.getInputProps('businessIdea')} />
          {company('Azienda tutor', false)}
          {money('grant', 'Contributo erogato')}
        </SimpleGrid>
      );
    case 'credito':
      return (
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label="Ente finanziatore" placeholder="Es. Banca Etica" {...form.getInputProps('lender')} />
          {money('loan', 'Importo del prestito')}
          <Select label="Stato del rimborso" placeholder="Scegliere" clearable data={options(REPAYMENT_STATUSES, REPAYMENT_STATUS_LABELS)} {...form.getInputProps('repaymentStatus')} />
        </SimpleGrid>
      );
    case 'pon':
      return (
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label="Progetto" placeholder="Es. PON Metro BO – Lavoro di comunità" {...form.getInputProps('projectName')} />
          <TextInput label="Ruolo nel progetto" {...form.getInputProps('projectRole')} />
        </SimpleGrid>
      );
  }
}

function FormBody({ caseId, existing, onDone }: { caseId: number; existing: InterventionView | null; onDone: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const create = useApiMutation('paths.create', { success: (i) => `${INSTRUMENT_LABELS[i.instrumentCode]} aggiunto al percorso`, quietErrors: true });
  const update = useApiMutation('paths.update', { success: 'Intervento aggiornato', quietErrors: true });
  const form = useForm<Values>({
    initialValues: initialValues(existing, {}),
    validate: {
      instrumentCode: (v) => (existing || v ? null : 'Scegliere lo strumento'),
      startDate: (v, values) => (!existing && values.status === 'attivo' && !v ? 'Indicare la data di inizio' : null),
      endDate: (v, values) => (v && values.startDate && v < values.startDate ? 'La data di fine non può precedere quella di inizio' : null),
      monthlyIndemnity: (v) => (euro(v) === undefined ? EURO_ERROR : null),
      grant: (v) => (euro(v) === undefined ? EURO_ERROR : null),
      loan: (v) => (euro(v) === undefined ? EURO_ERROR : null),
    },
  });
  const instrument = existing?.instrumentCode ?? form.values.instrumentCode;
  const pending = create.isPending || update.isPending;

  const onError = (error: unknown) => {
    if (!(error instanceof ApiError)) return setFailure('Operazione non riuscita');
    const mapped = Object.fromEntries(Object.entries(error.fields).map(([k, m]) => [SERVER_FIELDS[k] ?? k, m]));
    form.setErrors(mapped);
    // the messages already sit next to their fields: say so, unless one belongs to no field of this form
    const shown = Object.keys(mapped).length > 0 && Object.keys(mapped).every((k) => k in form.values);
    setFailure(shown ? 'Correggere i campi segnati in rosso.' : error.message);
  };

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        setFailure(null);
        const fields = toFields(v, existing);
        if (existing) update.mutate({ id: existing.id, ...fields }, { onSuccess: onDone, onError });
        else create.mutate({ caseId, instrumentCode: v.instrumentCode as Instrument, status: v.status, ...fields }, { onSuccess: onDone, onError });
      })}
    >
      <Stack gap="sm">
        {!existing && (
          <Group grow align="flex-start">
            <Select label="Strumento" withAsterisk placeholder="Scegliere" data-autofocus data={options(INSTRUMENTS, INSTRUMENT_LABELS)} {...form.getInputProps('instrumentCode')} />
            <Radio.Group label="Stato" {...form.getInputProps('status')}>
              <Group gap="md" mt={8}>
                <Radio value="proposto" label="Proposto" />
                <Radio value="attivo" label="Già avviato" />
              </Group>
            </Radio.Group>
          </Group>
        )}
        {instrument ? (
          <>
            <InstrumentFields instrument={instrument} form={form} initialCompany={existing?.companyId ? { id: existing.companyId, name: existing.companyName ?? '' } : null} />
            <SimpleGrid cols={2} spacing="sm">
              <DateField label={existing?.status === 'proposto' || !existing ? 'Inizio (previsto)' : 'Inizio'} clearable {...form.getInputProps('startDate')} />
              <DateField label={existing?.status === 'concluso' || existing?.status === 'interrotto' ? 'Fine' : 'Fine (prevista)'} clearable {...form.getInputProps('endDate')} />
            </SimpleGrid>
            {existing && (existing.status === 'concluso' || existing.status === 'interrotto') && (
              <Textarea label="Esito" autosize minRows={2} {...form.getInputProps('outcome')} />
            )}
            <Textarea label="Note" placeholder="Facoltative; visibili solo a chi segue i casi" autosize minRows={1} {...form.getInputProps('notes')} />
          </>
        ) : (
          <Text size="sm" c="dimmed">Scegliere lo strumento: il modulo mostrerà i dati da indicare.</Text>
        )}
        {failure && (
          <Alert color="red" title="Intervento non salvato">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Annulla
          </Button>
          <Button type="submit" loading={pending}>
            {existing ? 'Salva' : 'Aggiungi al percorso'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The modal with the form: `existing` null adds a new intervention to the case. */
export function InterventionModal({ opened, caseId, existing, onClose }: { opened: boolean; caseId: number; existing: InterventionView | null; onClose: () => void }) {
  const title = existing ? `Modifica: ${INSTRUMENT_LABELS[existing.instrumentCode]}${existing.companyName ? ` presso ${existing.companyName}` : ''}` : 'Nuovo intervento';
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="xl">
      {opened && <FormBody key={existing?.id ?? 'nuovo'} caseId={caseId} existing={existing} onDone={onClose} />}
    </Modal>
  );
}
