import { Alert, Button, Card, Divider, Grid, Group, NumberInput, SegmentedControl, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { CommitmentInput, InterventionSuggestion } from '../../../../electron/contract/budget';
import { todayIso } from '../../../../electron/domain/dates';
import { formatEuro, parseEuro } from '../../../../electron/domain/money';
import { call } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { CompanyPicker, InterventionPicker, PersonPicker, type Picked } from './Pickers';
import { lineName, useBudget } from './reference';
import { RefusalPanel, refusalOf, type Refusal } from './Refusal';
import { amountError, amountText, confirmLeave, EuroInput, Money, useLeaveGuard } from './ui';

interface Values {
  fundId: string | null;
  year: string | null;
  lineCode: string | null;
  mode: 'importo' | 'tirocinio';
  amount: string;
  months: number | string;
  indemnity: string;
  committedOn: string | null;
  actNumber: string;
  description: string;
}

/** The amount the form would commit, in cents; null while incomplete. Integer arithmetic only. */
function amountOf(v: Values): number | null {
  if (v.mode === 'importo') return parseEuro(v.amount);
  const indemnity = parseEuro(v.indemnity);
  const months = Number(v.months);
  return indemnity !== null && Number.isInteger(months) && months > 0 ? months * indemnity : null;
}

/** What the allocation chosen has, and what would be left after this commitment. */
function Availability({ fundId, year, lineCode, amount }: { fundId: number | null; year: number | null; lineCode: string | null; amount: number | null }) {
  const reference = useBudget();
  const grid = useApiQuery('budget.allocations.grid', { fundId: fundId ?? 0 }, { enabled: fundId !== null });
  const cell = grid.data?.cells.find((c) => c.year === year && c.lineCode === lineCode);
  if (fundId === null || year === null || lineCode === null) {
    return <Text size="sm" c="dimmed">Scegliere fondo, anno e voce di spesa: qui si vede quanto resta da impegnare.</Text>;
  }
  if (!cell) return <Text size="sm" c="dimmed">Caricamento…</Text>;
  const after = amount === null ? null : cell.availableCents - amount;
  const row = (label: string, cents: number, strong = false, color?: string) => (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm" fw={strong ? 600 : undefined}>{label}</Text>
      <Money cents={cents} strong={strong} c={color} />
    </Group>
  );
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>{lineName(reference, lineCode)} · {year}</Text>
      {row('Assegnato', cell.allocatedCents)}
      {row('Già impegnato', cell.committedCents)}
      {row('Disponibile', cell.availableCents, true)}
      <Divider my={4} />
      {row('Questo impegno', amount ?? 0)}
      {after !== null && row(after < 0 ? 'Mancano' : 'Resterebbe', Math.abs(after), true, after < 0 ? 'red.7' : 'teal.8')}
      {cell.allocatedCents === 0 && <Alert color="orange" p="xs">Nulla è assegnato a questa voce per il {year}: assegnare prima le risorse in Assegnazioni.</Alert>}
      {after !== null && after < 0 && cell.allocatedCents > 0 && (
        <Alert color="orange" p="xs">
          L’impegno supera il disponibile di {formatEuro(-after)}: sarà rifiutato, salvo deroga motivata dell’ufficio finanza.
        </Alert>
      )}
    </Stack>
  );
}

/** Nuovo impegno: on an allocation (fund, year, line), an amount or months × indemnity for a traineeship, optionally linked to a path. */
export function CommitmentFormPage() {
  const reference = useBudget();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [intervention, setIntervention] = useState<InterventionSuggestion | null>(null);
  const [person, setPerson] = useState<Picked | null>(null);
  const [company, setCompany] = useState<Picked | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [noFundHint, setNoFundHint] = useState<string | null>(null);
  const overview = useApiQuery('budget.overview', { fundId: null, year: null, months: 12 }, { staleTime: 30_000 });
  const create = useApiMutation('budget.commitments.create', { success: (d) => `Impegno di ${formatEuro(d.commitment.netCents)} registrato`, quietErrors: true });
  const firstFund = reference.funds.length === 1 ? String(reference.funds[0]?.id) : null;
  const form = useForm<Values>({
    initialValues: {
      fundId: params.get('fondo') ?? firstFund,
      year: params.get('anno'),
      lineCode: params.get('voce'),
      mode: 'importo',
      amount: '',
      months: 6,
      indemnity: '450,00',
      committedOn: todayIso(),
      actNumber: '',
      description: '',
    },
    validate: {
      fundId: (v) => (v ? null : 'Scegliere il fondo'),
      year: (v) => (v ? null : 'Scegliere l’anno'),
      lineCode: (v) => (v ? null : 'Scegliere la voce di spesa'),
      amount: (v, all) => (all.mode === 'importo' ? amountError(v) : null),
      indemnity: (v, all) => (all.mode === 'tirocinio' ? amountError(v, { label: 'Indennità mensile' }) : null),
      months: (v, all) => (all.mode === 'tirocinio' && !(Number.isInteger(v) && Number(v) >= 1 && Number(v) <= 24) ? 'Da 1 a 24 mesi' : null),
      committedOn: (v) => (v ? null : 'Indicare la data dell’impegno'),
      description: (v) => (v.trim() ? null : 'Descrivere l’impegno (per chi, per cosa)'),
    },
    onValuesChange: () => setRefusal(null),
  });
  const dirty = form.isDirty() || intervention !== null;
  useLeaveGuard(dirty, 'L’impegno non è stato registrato: i dati inseriti andranno persi.');

  const fundId = form.values.fundId ? Number(form.values.fundId) : null;
  const year = form.values.year ? Number(form.values.year) : null;
  const fund = reference.funds.find((f) => f.id === fundId) ?? null;
  const grid = useApiQuery('budget.allocations.grid', { fundId: fundId ?? 0 }, { enabled: fundId !== null });
  const years = fund ? Array.from({ length: fund.endYear - fund.startYear + 1 }, (_, i) => fund.startYear + i) : [];
  const amount = amountOf(form.values);

  /** Fills the form from a path: amount (months × indemnity), line, year, the person and the company. */
  const applySuggestion = (s: InterventionSuggestion | null) => {
    setIntervention(s);
    setNoFundHint(null);
    if (!s) return;
    const traineeship = s.months !== null && s.monthlyIndemnityCents !== null;
    const rows = (overview.data?.rows ?? []).filter((r) => r.year === s.year && r.lineCode === s.lineCode);
    const best = rows.sort((a, b) => b.availableCents - a.availableCents)[0];
    const keepFund = fundId !== null && (grid.data?.cells.some((c) => c.year === s.year && c.lineCode === s.lineCode && c.allocatedCents > 0) ?? false);
    form.setValues({
      mode: traineeship ? 'tirocinio' : 'importo',
      months: s.months ?? form.values.months,
      indemnity: s.monthlyIndemnityCents !== null ? amountText(s.monthlyIndemnityCents) : form.values.indemnity,
      amount: !traineeship && s.amountCents !== null ? amountText(s.amountCents) : form.values.amount,
      lineCode: s.lineCode,
      ...(keepFund ? { year: String(s.year) } : best ? { fundId: String(best.fundId), year: String(s.year) } : {}),
      description: s.description,
    });
    if (!keepFund && !best) setNoFundHint(`Nessun fondo ha risorse per «${lineName(reference, s.lineCode)}» nel ${s.year}: scegliere fondo, anno e voce.`);
    setPerson({ id: s.personId, label: s.personName });
    setCompany(s.companyId !== null && s.companyName ? { id: s.companyId, label: s.companyName } : null);
  };

  // a link from a path's page: /bilancio/impegni/nuovo?interventionId=12
  const fromPath = Number(params.get('interventionId')) || null;
  const prefilled = useRef(false);
  useEffect(() => {
    if (!fromPath || prefilled.current || overview.isPending) return;
    prefilled.current = true;
    call('budget.commitments.fromIntervention', { interventionId: fromPath })
      .then(applySuggestion)
      .catch((e: Error) => setNoFundHint(e.message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromPath, overview.isPending]);

  const payload = (v: Values, overrideReason: string | null): CommitmentInput => ({
    target: { fundId: Number(v.fundId), year: Number(v.year), lineCode: v.lineCode },
    amount: v.mode === 'tirocinio' ? { mode: 'tirocinio', months: Number(v.months), monthlyIndemnityCents: parseEuro(v.indemnity) ?? 0 } : { mode: 'importo', amountCents: parseEuro(v.amount) ?? 0 },
    committedOn: v.committedOn ?? '',
    actNumber: v.actNumber.trim() || null,
    description: v.description.trim(),
    interventionId: intervention?.interventionId ?? null,
    personId: person?.id ?? null,
    companyId: company?.id ?? null,
    overrideReason,
  });
  const send = (v: Values, overrideReason: string | null) => {
    create.mutate(payload(v, overrideReason), {
      onSuccess: (detail) => {
        form.resetDirty();
        setIntervention(null);
        void navigate(`/bilancio/impegni/${detail.commitment.id}`, { replace: true });
      },
      onError: (e) => {
        const r = refusalOf(e);
        const fields = { ...r.fields };
        if (fields.amountCents) {
          fields[form.values.mode === 'tirocinio' ? 'indemnity' : 'amount'] = fields.amountCents;
        }
        for (const key of ['target.allocationId', 'target.fundId', 'target.year', 'target.lineCode']) {
          if (fields[key]) fields[key.replace('target.', '').replace('allocationId', 'lineCode')] = fields[key];
        }
        if (!r.overridable) form.setErrors(fields);
        setRefusal(r);
      },
    });
  };

  if (!reference.canWrite) {
    return <Alert color="gray" title="Registrazione non consentita">Solo l’ufficio finanza e gli amministratori registrano impegni e liquidazioni.</Alert>;
  }

  const lineOptions = reference.lines.map((l) => {
    const cell = grid.data?.cells.find((c) => c.year === year && c.lineCode === l.code);
    return { value: l.code, label: cell ? `${l.name} — disponibili ${formatEuro(cell.availableCents)}` : l.name };
  });

  return (
    <form noValidate onSubmit={form.onSubmit((v) => send(v, null))}>
      <Grid gap="md">
        <Grid.Col span={8}>
          <Card withBorder radius="md">
            <Stack gap="sm">
              <Title order={4}>Nuovo impegno</Title>
              <InterventionPicker
                label="Percorso collegato"
                description="Facoltativo: cercando la persona o l’azienda, l’impegno si compila da solo (per un tirocinio: mesi × indennità)"
                placeholder="Cognome della persona o nome dell’azienda"
                value={intervention}
                onChange={applySuggestion}
              />
              {intervention && intervention.alreadyCommittedCents !== 0 && (
                <Alert color="orange" p="xs">Per questo percorso risultano già impegnati {formatEuro(intervention.alreadyCommittedCents)}.</Alert>
              )}
              {noFundHint && <Alert color="blue" p="xs">{noFundHint}</Alert>}
              <Select
                label="Fondo"
                withAsterisk
                data={reference.funds.map((f) => ({ value: String(f.id), label: f.name }))}
                allowDeselect={false}
                {...form.getInputProps('fundId')}
                onChange={(v) => {
                  form.setFieldValue('fundId', v);
                  setNoFundHint(null);
                  const f = reference.funds.find((x) => String(x.id) === v);
                  if (f && year !== null && (year < f.startYear || year > f.endYear)) form.setFieldValue('year', null);
                }}
              />
              <Group align="flex-start" wrap="nowrap">
                <Select
                  label="Anno"
                  withAsterisk
                  w={130}
                  placeholder={fund ? 'Anno' : 'Prima il fondo'}
                  disabled={!fund}
                  data={years.map((y) => ({ value: String(y), label: String(y) }))}
                  allowDeselect={false}
                  {...form.getInputProps('year')}
                  onChange={(v) => {
                    form.setFieldValue('year', v);
                    setNoFundHint(null);
                  }}
                />
                <Select label="Voce di spesa" withAsterisk style={{ flex: 1 }} data={lineOptions} allowDeselect={false} searchable {...form.getInputProps('lineCode')} />
              </Group>
              <Divider label="Importo" labelPosition="left" />
              <SegmentedControl
                w="fit-content"
                data={[
                  { value: 'importo', label: 'Importo' },
                  { value: 'tirocinio', label: 'Tirocinio: mesi × indennità' },
                ]}
                {...form.getInputProps('mode')}
              />
              {form.values.mode === 'importo' ? (
                <EuroInput label="Importo dell’impegno" withAsterisk placeholder="2.700,00" w={260} {...form.getInputProps('amount')} />
              ) : (
                <Group align="flex-start">
                  <NumberInput label="Mesi" withAsterisk w={110} min={1} max={24} allowDecimal={false} allowNegative={false} {...form.getInputProps('months')} />
                  <EuroInput label="Indennità mensile" withAsterisk description="Minimo regionale € 450,00" w={220} {...form.getInputProps('indemnity')} />
                  <Stack gap={0} pt={24}>
                    <Text size="sm" c="dimmed">Totale</Text>
                    <Text size="lg" fw={700} data-testid="totale-tirocinio">{amount === null ? '—' : formatEuro(amount)}</Text>
                  </Stack>
                </Group>
              )}
              <Divider label="Atto e descrizione" labelPosition="left" />
              <Group grow align="flex-start">
                <DateField label="Data dell’impegno" withAsterisk {...form.getInputProps('committedOn')} />
                <TextInput label="Numero dell’atto" placeholder="Es. DD/2025/0012" {...form.getInputProps('actNumber')} />
              </Group>
              <Textarea label="Descrizione" withAsterisk autosize minRows={2} placeholder="Es. Indennità di tirocinio – Mario Rossi c/o Logistica Emilia" {...form.getInputProps('description')} />
              <Group grow align="flex-start">
                <PersonPicker label="Persona" placeholder="Facoltativa: cognome" value={person} onChange={setPerson} />
                <CompanyPicker label="Azienda" placeholder="Facoltativa: nome o partita IVA" value={company} onChange={setCompany} />
              </Group>
              {refusal && (
                <RefusalPanel
                  key={refusal.message}
                  refusal={refusal}
                  title={refusal.overridable ? 'Impegno oltre il disponibile' : 'Impegno non registrato'}
                  canOverride={reference.canWrite}
                  pending={create.isPending}
                  onOverride={(reason) => send(form.values, reason)}
                />
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => confirmLeave(dirty, () => void navigate('/bilancio/impegni'))}>Annulla</Button>
                <Button type="submit" loading={create.isPending && !refusal}>Registra impegno</Button>
              </Group>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={4}>
          <Card withBorder radius="md" pos="sticky" top={70}>
            <Title order={5} mb="xs">Disponibilità</Title>
            <Availability fundId={fundId} year={year} lineCode={form.values.lineCode} amount={amount} />
          </Card>
        </Grid.Col>
      </Grid>
    </form>
  );
}
