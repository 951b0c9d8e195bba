import { Alert, Anchor, Autocomplete, Button, Checkbox, Grid, Group, Modal, MultiSelect, Paper, Radio, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconMapPinOff, IconPlus, IconTrash } from '@tabler/icons-react';
import { useId, useState, type ReactNode } from 'react';
import type { ReferenceData } from '../../../../electron/contract/system';
import { DateField } from '../../components/DateField';
import { emptyExperience, ISCED_LEVELS, LICENCE_CATEGORIES, NATIONALITY_GROUPS, OTHER_PLACE, type PersonFormValues } from './personForm';
import { TaxCodeInput } from './TaxCodeInput';
import { todayIso } from '../../../../electron/domain/dates';
import { noticeInForce } from '../../../../electron/domain/privacyNotices';
import { useApiQuery } from '../../api/hooks';
import { formatDate } from '../../format';

type Form = UseFormReturnType<PersonFormValues>;

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

/** Select options built once per reference load. */
export function referenceOptions(ref: ReferenceData) {
  const districtName = new Map(ref.districts.map((d) => [d.code, d.name]));
  const placeName = new Map(ref.birthPlaces.map((p) => [p.code, p.province ? `${p.name} (${p.province})` : p.name]));
  const place = (p: ReferenceData['birthPlaces'][number]) => ({ value: p.code, label: placeName.get(p.code) ?? p.name });
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'it');
  return {
    districtOf: new Map(ref.comuni.map((c) => [c.istatCode, districtName.get(c.districtCode) ?? c.districtCode])),
    placeName: (code: string) => placeName.get(code) ?? code,
    knownPlace: (code: string) => placeName.has(code),
    birthPlaces: [
      { group: 'Comuni italiani', items: ref.birthPlaces.filter((p) => p.kind === 'comune').sort(byName).map(place) },
      { group: 'Stati esteri', items: ref.birthPlaces.filter((p) => p.kind === 'estero').sort(byName).map(place) },
      { group: 'Non in elenco', items: [{ value: OTHER_PLACE, label: 'Altro luogo (scriverlo)' }] },
    ],
    /** Citizenship suggestions, with the nationality group they imply. */
    citizenships: new Map<string, 'IT' | 'UE' | 'EXTRA_UE'>([
      ['Italia', 'IT'],
      ...ref.birthPlaces.filter((p) => p.kind === 'estero' && p.nationalityGroup).map((p) => [p.name, p.nationalityGroup!] as [string, 'IT' | 'UE' | 'EXTRA_UE']),
    ]),
    comuni: [...ref.comuni].sort(byName).map((c) => ({ value: c.istatCode, label: c.name })),
    channels: ref.channels.map((c) => ({ value: c.code, label: c.name })),
    organisations: [...ref.organisations].sort(byName).map((o) => ({ value: String(o.id), label: o.name })),
    referents: ref.referents.map((r) => ({ value: String(r.id), label: r.fullName })),
  };
}
export type ReferenceOptions = ReturnType<typeof referenceOptions>;

function Anagrafica({ form, options }: { form: Form; options: ReferenceOptions }) {
  const v = form.getValues();
  return (
    <Section title="Dati anagrafici">
      <SimpleGrid cols={2}>
        <TextInput label="Cognome" withAsterisk autoFocus autoComplete="off" {...form.getInputProps('lastName')} />
        <TextInput label="Nome" withAsterisk autoComplete="off" {...form.getInputProps('firstName')} />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <Radio.Group label="Sesso" withAsterisk {...form.getInputProps('sex')}>
          <Group mt={6}>
            <Radio value="F" label="Femmina" />
            <Radio value="M" label="Maschio" />
          </Group>
        </Radio.Group>
        <DateField label="Data di nascita" withAsterisk maxDate={todayIso()} defaultLevel="decade" {...form.getInputProps('birthDate')} />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <Select
          label="Luogo di nascita"
          placeholder="Scrivere per cercare"
          searchable
          clearable
          data={options.birthPlaces}
          limit={60}
          nothingFoundMessage="Non in elenco: scegliere «Altro luogo»"
          {...form.getInputProps('birthPlaceCode')}
        />
        <Autocomplete
          label="Cittadinanza"
          placeholder="Es. Italia, Romania, Marocco"
          data={[...options.citizenships.keys()]}
          {...form.getInputProps('citizenship')}
          onChange={(value) => {
            form.setFieldValue('citizenship', value);
            const group = options.citizenships.get(value);
            if (group) form.setFieldValue('nationalityGroup', group);
          }}
        />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        {v.birthPlaceCode === OTHER_PLACE ? (
          <TextInput label="Altro luogo di nascita" withAsterisk placeholder="Comune o Stato non in elenco" {...form.getInputProps('birthPlaceText')} />
        ) : (
          <div />
        )}
        <Select label="Gruppo di nazionalità" data={NATIONALITY_GROUPS} clearable {...form.getInputProps('nationalityGroup')} />
      </SimpleGrid>
    </Section>
  );
}

function Domicilio({ form, options }: { form: Form; options: ReferenceOptions }) {
  const v = form.getValues();
  const district = v.domicileIstat ? options.districtOf.get(v.domicileIstat) : null;
  return (
    <Section title="Domicilio">
      <Checkbox label="Fuori dalla Città metropolitana" {...form.getInputProps('outsideMetro', { type: 'checkbox' })} />
      {v.outsideMetro ? (
        <>
          <TextInput label="Città" withAsterisk placeholder="Es. Ferrara" {...form.getInputProps('outsideMetroCity')} />
          <Alert color="yellow" icon={<IconMapPinOff size={18} />} p="xs">
            Fuori area: la persona non rientra nel programma
          </Alert>
        </>
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
          renderOption={({ option }) => (
            <Group justify="space-between" w="100%" wrap="nowrap">
              <span>{option.label}</span>
              <Text size="xs" c="dimmed">
                {options.districtOf.get(option.value)}
              </Text>
            </Group>
          )}
          {...form.getInputProps('domicileIstat')}
        />
      )}
      <Grid>
        <Grid.Col span={9}>
          <TextInput label="Via / piazza" autoComplete="off" {...form.getInputProps('domicileStreet')} />
        </Grid.Col>
        <Grid.Col span={3}>
          <TextInput label="Civico" autoComplete="off" {...form.getInputProps('domicileNumber')} />
        </Grid.Col>
      </Grid>
    </Section>
  );
}

function PresaInCarico({ form, options, organisationFor }: { form: Form; options: ReferenceOptions; organisationFor: (channel: string) => string | null }) {
  return (
    <Section title="Presa in carico">
      <SimpleGrid cols={2}>
        <Select
          label="Canale di accesso"
          withAsterisk
          data={options.channels}
          {...form.getInputProps('channelCode')}
          onChange={(value) => {
            form.setFieldValue('channelCode', value);
            // the channel usually says who sends the person: suggest it while the field is empty
            const org = value ? organisationFor(value) : null;
            if (org && !form.getValues().referringOrgId) form.setFieldValue('referringOrgId', org);
          }}
        />
        <DateField label="Data della domanda" withAsterisk maxDate={todayIso()} {...form.getInputProps('applicationDate')} />
      </SimpleGrid>
      <Select label="Ente inviante" searchable clearable data={options.organisations} {...form.getInputProps('referringOrgId')} />
      <SimpleGrid cols={2}>
        <TextInput label="Punto inviante" placeholder="Es. centro d’ascolto della parrocchia" {...form.getInputProps('referringPoint')} />
        <Select label="Referente" searchable clearable data={options.referents} placeholder="Nessuno per ora" {...form.getInputProps('referentUserId')} />
      </SimpleGrid>
    </Section>
  );
}

function Contatti({ form }: { form: Form }) {
  return (
    <Section title="Contatti">
      <SimpleGrid cols={2}>
        <TextInput label="Telefono" type="tel" autoComplete="off" placeholder="Es. 333 123 4567" {...form.getInputProps('phone')} />
        <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps('email')} />
      </SimpleGrid>
    </Section>
  );
}

function Profilo({ form, skills, licenceOptions }: { form: Form; skills: string[]; licenceOptions: string[] }) {
  return (
    <Section title="Profilo">
      <SimpleGrid cols={2}>
        <Select label="Titolo di studio" data={ISCED_LEVELS} clearable {...form.getInputProps('educationIsced')} />
        <MultiSelect label="Patente di guida" placeholder={form.getValues().drivingLicence.length ? undefined : 'Nessuna'} data={licenceOptions} clearable {...form.getInputProps('drivingLicence')} />
      </SimpleGrid>
      <TagsInput label="Lingue" placeholder="Scrivere e premere Invio" description="Es. italiano, inglese, arabo" {...form.getInputProps('languages')} />
      <TagsInput label="Competenze" placeholder="Scrivere e premere Invio" data={skills} limit={12} {...form.getInputProps('skills')} />
    </Section>
  );
}

function EsperienzeLavorative({ form }: { form: Form }) {
  const experiences = form.getValues().workExperiences;
  const add = () => {
    const index = experiences.length;
    form.insertListItem('workExperiences', emptyExperience());
    // the new row's first field, once it is on screen
    requestAnimationFrame(() => form.getInputNode(`workExperiences.${index}.role`)?.focus());
  };
  return (
    <Section title="Esperienze lavorative">
      {experiences.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nessuna esperienza inserita.
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          Lasciare vuota la data «Al» per un lavoro ancora in corso.
        </Text>
      )}
      {experiences.map((e, i) => (
        <Paper key={e.key} withBorder p="sm" radius="sm" bg="gray.0" role="group" aria-label={`Esperienza lavorativa ${i + 1}`}>
          <Grid gap="sm" align="flex-end">
            <Grid.Col span={4}>
              <TextInput label="Mansione" withAsterisk placeholder="Es. magazziniere, addetta alle pulizie" {...form.getInputProps(`workExperiences.${i}.role`)} />
            </Grid.Col>
            <Grid.Col span={4}>
              <TextInput label="Datore di lavoro" placeholder="Azienda, cooperativa o famiglia" {...form.getInputProps(`workExperiences.${i}.employer`)} />
            </Grid.Col>
            <Grid.Col span={2}>
              <DateField label="Dal" clearable maxDate={todayIso()} defaultLevel="year" {...form.getInputProps(`workExperiences.${i}.startDate`)} />
            </Grid.Col>
            <Grid.Col span={2}>
              <DateField label="Al" clearable defaultLevel="year" {...form.getInputProps(`workExperiences.${i}.endDate`)} />
            </Grid.Col>
            <Grid.Col span={10}>
              <TextInput label="Descrizione" placeholder="Facoltativa: compiti, contratto, motivo della fine" {...form.getInputProps(`workExperiences.${i}.description`)} />
            </Grid.Col>
            <Grid.Col span={2}>
              <Button
                variant="subtle"
                color="red"
                fullWidth
                leftSection={<IconTrash size={16} />}
                aria-label={`Rimuovi l’esperienza ${i + 1}${e.role.trim() ? ` (${e.role.trim()})` : ''}`}
                onClick={() => form.removeListItem('workExperiences', i)}
              >
                Rimuovi
              </Button>
            </Grid.Col>
          </Grid>
        </Paper>
      ))}
      <Group>
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={add} disabled={experiences.length >= 30}>
          Aggiungi esperienza
        </Button>
      </Group>
    </Section>
  );
}

/** The notice a signature on `day` is for: the one in force that day, as the server will record it. */
function NoticeFor({ day }: { day: string | null }) {
  const notices = useApiQuery('system.privacyNotices.list', {}, { staleTime: 60_000 });
  const [reading, setReading] = useState(false);
  const notice = day && notices.data ? noticeInForce(notices.data, day) : null;
  if (!notice) return null;
  return (
    <Group gap="xs">
      <Text size="sm" c="dimmed">
        Versione «{notice.version}», in vigore dal {formatDate(notice.validFrom)}
      </Text>
      <Anchor component="button" type="button" size="sm" onClick={() => setReading(true)}>
        Leggi il testo
      </Anchor>
      <Modal opened={reading} onClose={() => setReading(false)} title={`Informativa privacy, versione «${notice.version}»`} size="lg">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {notice.text}
        </Text>
      </Modal>
    </Group>
  );
}

/** Registration only: the notice signed (on a day) or why it is missing; later signatures are recorded on the person's page. */
function Privacy({ form }: { form: Form }) {
  const v = form.getValues();
  return (
    <Section title="Informativa privacy">
      <Checkbox
        label="Ha firmato l’informativa sul trattamento dei dati"
        description="Consegnare la versione in vigore e farla firmare prima di raccogliere i dati"
        {...form.getInputProps('privacySigned', { type: 'checkbox' })}
      />
      {v.privacySigned ? (
        <>
          <DateField label="Firmata il" withAsterisk maxDate={todayIso()} w={200} {...form.getInputProps('privacyAcknowledgedOn')} />
          <NoticeFor day={v.privacyAcknowledgedOn} />
        </>
      ) : (
        <TextInput
          label="Perché manca"
          withAsterisk
          placeholder="Es. segnalazione telefonica"
          description="La persona comparirà nell’elenco «Senza informativa» finché non la firma"
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          {...form.getInputProps('privacyMissingReason')}
        />
      )}
    </Section>
  );
}

/** All the sections of the person form; the presa in carico only when registering. */
export function PersonFormFields({
  form,
  reference,
  options,
  personId,
}: {
  form: Form;
  reference: ReferenceData;
  options: ReferenceOptions;
  personId: number | null;
}) {
  const organisationFor = (channel: string) => {
    const org = reference.organisations.find((o) => o.code === channel || o.kind === channel);
    return org ? String(org.id) : null;
  };
  const licences = form.getValues().drivingLicence;
  const licenceOptions = [...LICENCE_CATEGORIES, ...licences.filter((l) => !LICENCE_CATEGORIES.includes(l))];
  return (
    <Grid gap="md" align="flex-start">
      <Grid.Col span={6}>
        <Stack gap="md">
          <Anagrafica form={form} options={options} />
          <Section title="Codice fiscale">
            <TaxCodeInput form={form} personId={personId} placeName={options.placeName} knownPlace={options.knownPlace} />
          </Section>
          <Domicilio form={form} options={options} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={6}>
        <Stack gap="md">
          {personId === null && <PresaInCarico form={form} options={options} organisationFor={organisationFor} />}
          <Contatti form={form} />
          <Profilo form={form} skills={reference.skills} licenceOptions={licenceOptions} />
          {personId === null && <Privacy form={form} />}
        </Stack>
      </Grid.Col>
      <Grid.Col span={12}>
        <EsperienzeLavorative form={form} />
      </Grid.Col>
    </Grid>
  );
}
