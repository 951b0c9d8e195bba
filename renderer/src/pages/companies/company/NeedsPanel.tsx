import { ActionIcon, Badge, Button, Card, Grid, Group, Menu, Modal, NumberInput, Select, Stack, TagsInput, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconDots, IconEdit, IconPlus, IconUserSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { NEED_STATUS_LABELS, NEED_TRANSITION_LABELS, NEED_TRANSITIONS, OPEN_NEED_STATUSES, type NeedStatus, type NeedView } from '../../../../../electron/contract/companies';
import type { ReferenceData } from '../../../../../electron/contract/system';
import { call } from '../../../api/client';
import { useApiMutation } from '../../../api/hooks';
import { applyServerErrors } from '../../../auth/formErrors';
import { DateField } from '../../../components/DateField';
import { formatDate } from '../../../format';
import { INSTRUMENT_SHORT, NEED_STATUS_COLORS } from '../labels';
import { DialogFooter } from '../../../components/DialogFooter';
import { notifyReloaded, StaleRecordAlert, staleRecordMessage } from '../../../components/StaleRecordAlert';

interface NeedValues {
  role: string;
  positions: number | string;
  instrumentCode: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  districtCode: string | null;
  skills: string[];
  requirements: string;
}

/** The instruments a company's need can ask for: the ones hosted by a company. */
const COMPANY_INSTRUMENTS = ['tirocinio', 'inserimento', 'formazione', 'autoimpiego'];

function valuesOf(need: NeedView): NeedValues {
  return {
    role: need.role,
    positions: need.positions,
    instrumentCode: need.instrumentCode,
    periodFrom: need.periodFrom,
    periodTo: need.periodTo,
    districtCode: need.districtCode,
    skills: need.skills,
    requirements: need.requirements ?? '',
  };
}

function NeedModal({ companyId, need, defaultDistrict, reference, onClose }: { companyId: number; need: NeedView | null; defaultDistrict: string | null; reference: ReferenceData; onClose: () => void }) {
  const queryClient = useQueryClient();
  // the version the form was filled from, sent back with the save; «Ricarica» fills the form again
  const [version, setVersion] = useState(need?.version ?? 0);
  const [stale, setStale] = useState<string | null>(null);
  const form = useForm<NeedValues>({
    initialValues: need
      ? valuesOf(need)
      : { role: '', positions: 1, instrumentCode: 'tirocinio', periodFrom: null, periodTo: null, districtCode: defaultDistrict, skills: [], requirements: '' },
    validate: {
      role: (v) => (v.trim() ? null : 'Inserire la mansione richiesta'),
      positions: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 999 ? null : 'Indicare il numero di posti (da 1 a 999)'),
      instrumentCode: (v) => (v ? null : 'Scegliere lo strumento'),
      periodTo: (v, values) => (v && values.periodFrom && v < values.periodFrom ? 'La fine del periodo non può essere prima dell’inizio' : null),
    },
  });
  const create = useApiMutation('companies.needs.create', { success: (n) => `Fabbisogno registrato: ${n.role}`, quietErrors: true });
  const update = useApiMutation('companies.needs.update', { success: 'Fabbisogno aggiornato', quietErrors: true });
  const [failure, setFailure] = useState<string | null>(null);
  const instruments = [...reference.instruments]
    .sort((a, b) => Number(!COMPANY_INSTRUMENTS.includes(a.code)) - Number(!COMPANY_INSTRUMENTS.includes(b.code)))
    .map((i) => ({ value: i.code, label: i.name }));
  const submit = form.onSubmit((v) => {
    const data = {
      role: v.role.trim(),
      positions: Number(v.positions),
      instrumentCode: v.instrumentCode ?? '',
      periodFrom: v.periodFrom,
      periodTo: v.periodTo,
      districtCode: v.districtCode,
      skills: v.skills,
      requirements: v.requirements.trim() || null,
    };
    const onError = (e: Error) => {
      setStale(staleRecordMessage(e));
      setFailure(staleRecordMessage(e) ? null : applyServerErrors(form, e));
    };
    if (need) update.mutate({ id: need.id, version, ...data }, { onSuccess: onClose, onError });
    else create.mutate({ companyId, ...data }, { onSuccess: onClose, onError });
  });
  return (
    <Modal opened onClose={onClose} title={need ? 'Modifica fabbisogno' : 'Nuovo fabbisogno'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Grid>
            <Grid.Col span={9}>
              <TextInput label="Mansione" withAsterisk placeholder="Es. magazziniere, addetta alle pulizie, OSS" data-autofocus {...form.getInputProps('role')} />
            </Grid.Col>
            <Grid.Col span={3}>
              <NumberInput label="Posti" withAsterisk min={1} max={999} allowDecimal={false} {...form.getInputProps('positions')} />
            </Grid.Col>
          </Grid>
          <Grid>
            <Grid.Col span={6}>
              <Select label="Strumento" withAsterisk allowDeselect={false} data={instruments} {...form.getInputProps('instrumentCode')} />
            </Grid.Col>
            <Grid.Col span={6}>
              <Select label="Distretto" placeholder="Dove si svolge il lavoro" clearable data={reference.districts.map((d) => ({ value: d.code, label: d.name }))} {...form.getInputProps('districtCode')} />
            </Grid.Col>
          </Grid>
          <Grid>
            <Grid.Col span={6}>
              <DateField label="Periodo dal" clearable {...form.getInputProps('periodFrom')} />
            </Grid.Col>
            <Grid.Col span={6}>
              <DateField label="al" clearable {...form.getInputProps('periodTo')} />
            </Grid.Col>
          </Grid>
          <TagsInput
            label="Competenze richieste"
            description="Servono all’abbinamento con le persone: scegliere dall’elenco o scrivere e premere Invio"
            inputWrapperOrder={['label', 'description', 'input', 'error']}
            placeholder={form.getValues().skills.length === 0 ? 'Es. carrello elevatore' : undefined}
            data={reference.skills}
            limit={12}
            maxTags={30}
            {...form.getInputProps('skills')}
          />
          <Textarea label="Requisiti" placeholder="Es. patente B, disponibilità su turni, italiano di base" autosize minRows={2} maxRows={5} {...form.getInputProps('requirements')} />
          {stale && need && (
            <StaleRecordAlert
              message={stale}
              dirty={form.isDirty()}
              onReload={() =>
                void call('companies.needs.get', { id: need.id }).then(async (saved) => {
                  form.setValues(valuesOf(saved));
                  form.resetDirty(valuesOf(saved));
                  setVersion(saved.version);
                  setStale(null);
                  await queryClient.invalidateQueries();
                  notifyReloaded();
                })
              }
            />
          )}
          <DialogFooter failure={failure} onCancel={onClose} saving={create.isPending || update.isPending} submitLabel={need ? 'Salva modifiche' : 'Registra fabbisogno'} />
        </Stack>
      </form>
    </Modal>
  );
}

function period(n: NeedView): string {
  if (n.periodFrom && n.periodTo) return `${formatDate(n.periodFrom)} – ${formatDate(n.periodTo)}`;
  if (n.periodFrom) return `dal ${formatDate(n.periodFrom)}`;
  if (n.periodTo) return `entro il ${formatDate(n.periodTo)}`;
  return 'periodo non indicato';
}

function StatusMenu({ need, onEdit }: { need: NeedView; onEdit: () => void }) {
  const setStatus = useApiMutation('companies.needs.setStatus', { success: (n) => `Fabbisogno «${n.role}»: ${NEED_STATUS_LABELS[n.status].toLowerCase()}` });
  const change = (status: NeedStatus) => {
    if (status === 'chiuso' || status === 'annullato') {
      modals.openConfirmModal({
        title: status === 'chiuso' ? 'Chiudere il fabbisogno?' : 'Annullare il fabbisogno?',
        children: (
          <Text size="sm">
            «{need.role}» non comparirà più tra i fabbisogni aperti e nell’abbinamento con le persone. Si potrà riaprire in seguito.
          </Text>
        ),
        labels: { confirm: status === 'chiuso' ? 'Chiudi fabbisogno' : 'Annulla fabbisogno', cancel: 'Torna indietro' },
        confirmProps: { color: status === 'annullato' ? 'red' : undefined },
        onConfirm: () => setStatus.mutate({ id: need.id, status }),
      });
    } else setStatus.mutate({ id: need.id, status });
  };
  const open = OPEN_NEED_STATUSES.includes(need.status);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={`Azioni sul fabbisogno ${need.role}`} loading={setStatus.isPending}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {open && (
          <Menu.Item leftSection={<IconEdit size={14} />} onClick={onEdit}>
            Modifica
          </Menu.Item>
        )}
        {NEED_TRANSITIONS[need.status].map((s) => (
          <Menu.Item key={s} color={s === 'annullato' ? 'red' : undefined} onClick={() => change(s)}>
            {NEED_TRANSITION_LABELS[s]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function NeedRow({ need, canWrite, onEdit }: { need: NeedView; canWrite: boolean; onEdit: () => void }) {
  const open = OPEN_NEED_STATUSES.includes(need.status);
  return (
    <Card withBorder radius="sm" p="sm" data-testid="need" aria-label={`Fabbisogno ${need.role}`} component="article" opacity={open ? 1 : 0.75}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={600}>{need.role}</Text>
            <Badge size="sm" variant="light" color={NEED_STATUS_COLORS[need.status]} tt="none">
              {NEED_STATUS_LABELS[need.status]}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {need.positions} {need.positions === 1 ? 'posto' : 'posti'} · <span title={need.instrumentName}>{INSTRUMENT_SHORT[need.instrumentCode] ?? need.instrumentName}</span> · {period(need)}
            {need.districtName ? ` · ${need.districtName}` : ''}
            {need.interventions > 0 ? ` · ${need.interventions} ${need.interventions === 1 ? 'percorso collegato' : 'percorsi collegati'}` : ''}
          </Text>
          {need.skills.length > 0 && (
            <Group gap={4}>
              {need.skills.map((s) => (
                <Badge key={s} size="sm" variant="light" color="grape" tt="none" fw={500}>
                  {s}
                </Badge>
              ))}
            </Group>
          )}
          {need.requirements && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              Requisiti: {need.requirements}
            </Text>
          )}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {open && (
            <Button size="xs" variant="light" component={Link} to={`/abbinamenti/fabbisogno/${need.id}`} leftSection={<IconUserSearch size={14} />}>
              Trova persone
            </Button>
          )}
          {canWrite && <StatusMenu need={need} onEdit={onEdit} />}
        </Group>
      </Group>
    </Card>
  );
}

/** Fabbisogni: what the company asks for; open ones first, each with «Trova persone». */
export function NeedsPanel({ companyId, needs, defaultDistrict, reference, canWrite }: { companyId: number; needs: NeedView[]; defaultDistrict: string | null; reference: ReferenceData | undefined; canWrite: boolean }) {
  const [editing, setEditing] = useState<NeedView | 'new' | null>(null);
  const open = needs.filter((n) => OPEN_NEED_STATUSES.includes(n.status)).length;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {needs.length === 0
            ? `Nessun fabbisogno registrato.${canWrite ? ' Registrare le figure che l’azienda cerca con «Nuovo fabbisogno»: saranno abbinate alle persone in target.' : ''}`
            : `${needs.length} ${needs.length === 1 ? 'fabbisogno' : 'fabbisogni'}, ${open} ${open === 1 ? 'aperto o in corso' : 'aperti o in corso'}.`}
        </Text>
        {canWrite && (
          <Tooltip label="Mansione, posti, strumento, periodo e competenze" openDelay={500}>
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} disabled={!reference}>
              Nuovo fabbisogno
            </Button>
          </Tooltip>
        )}
      </Group>
      {needs.map((n) => (
        <NeedRow key={n.id} need={n} canWrite={canWrite} onEdit={() => setEditing(n)} />
      ))}
      {editing && reference && <NeedModal companyId={companyId} need={editing === 'new' ? null : editing} defaultDistrict={defaultDistrict} reference={reference} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
