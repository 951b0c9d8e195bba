import { Accordion, ActionIcon, Alert, Badge, Button, Card, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { AssessmentTemplate, TemplateDefinition } from '../../../../electron/contract/assessments';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { applyServerErrors } from '../../auth/formErrors';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../format';

type Dimension = TemplateDefinition['dimensions'][number];
type Item = Dimension['items'][number];

function maxPoints(def: TemplateDefinition): number {
  return def.dimensions.flatMap((d) => d.items).reduce((sum, i) => sum + Math.max(0, ...i.options.map((o) => o.points)), 0);
}

function countItems(def: TemplateDefinition): number {
  return def.dimensions.reduce((n, d) => n + d.items.length, 0);
}

/** A code for a new item, unique in the whole questionnaire: the dimension's code and the next free number. */
function newItemCode(def: TemplateDefinition, dim: Dimension): string {
  const used = new Set(def.dimensions.flatMap((d) => d.items.map((i) => i.code)));
  let n = dim.items.length + 1;
  while (used.has(`${dim.code}_${String(n).padStart(2, '0')}`)) n += 1;
  return `${dim.code}_${String(n).padStart(2, '0')}`;
}

function newItem(def: TemplateDefinition, dim: Dimension): Item {
  const model = dim.items[dim.items.length - 1] ?? def.dimensions.flatMap((d) => d.items)[0];
  const options = model?.options.map((o) => ({ ...o })) ?? [
    { code: 'a', label: 'Nessuna criticità', points: 0 },
    { code: 'b', label: 'Criticità grave', points: 3 },
  ];
  return { code: newItemCode(def, dim), text: '', options };
}

function ReadOnly({ template }: { template: AssessmentTemplate }) {
  return (
    <Accordion multiple variant="separated">
      {template.definition.dimensions.map((d) => (
        <Accordion.Item key={d.code} value={d.code}>
          <Accordion.Control>
            {d.label} <Text span c="dimmed" size="sm">· {d.items.length} domande</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <Table striped>
              <Table.Tbody>
                {d.items.map((item) => (
                  <Table.Tr key={item.code}>
                    <Table.Td>{item.text}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {item.options.map((o) => (
                          <Badge key={o.code} variant="light" color="gray" tt="none">{o.label}: {o.points}</Badge>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function Editor({ template, onDone }: { template: AssessmentTemplate; onDone: () => void }) {
  const save = useApiMutation('assessments.saveTemplate', { success: (t) => `Questionario salvato come versione ${t.version}`, quietErrors: true });
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<{ title: string; definition: TemplateDefinition }>({
    initialValues: { title: template.title, definition: structuredClone(template.definition) },
    validate: {
      title: (v) => (v.trim() ? null : 'Indicare il titolo'),
      definition: {
        dimensions: {
          label: (v) => (v.trim() ? null : 'Indicare il nome della dimensione'),
          items: {
            text: (v) => (v.trim() ? null : 'Scrivere la domanda'),
            options: { label: (v) => (v.trim() ? null : 'Indicare la risposta'), points: (v) => (Number.isInteger(v) && v >= 0 && v <= 100 ? null : 'Da 0 a 100') },
          },
        },
      },
    },
  });
  const def = form.values.definition;
  const submit = form.onSubmit((values) => {
    modals.openConfirmModal({
      title: 'Salvare il questionario?',
      children: (
        <Text size="sm">
          Diventerà la versione {template.version + 1}, usata dalle prossime valutazioni. Le valutazioni già fatte restano legate alla loro versione e non cambiano
          punteggio.
        </Text>
      ),
      labels: { confirm: 'Salva nuova versione', cancel: 'Annulla' },
      onConfirm: () => {
        setFailure(null);
        save.mutate(
          { title: values.title.trim(), definition: values.definition },
          { onSuccess: onDone, onError: (e) => setFailure(applyServerErrors(form, e)) },
        );
      },
    });
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <TextInput label="Titolo" {...form.getInputProps('title')} maw={600} />
        <Text size="sm" c="dimmed">
          {countItems(def)} domande, punteggio massimo {maxPoints(def)}. Le soglie delle fasce (fragile oltre {template.thresholds.fragileAbove}, profilo forte sotto{' '}
          {template.thresholds.strongBelow}) si cambiano nella scheda Generali.
        </Text>
        {def.dimensions.map((d, di) => (
          <Paper key={d.code} withBorder p="sm" radius="md">
            <TextInput label="Dimensione" {...form.getInputProps(`definition.dimensions.${di}.label`)} maw={400} mb="sm" />
            <Stack gap="xs">
              {d.items.map((item, ii) => (
                <Paper key={item.code} withBorder p="xs" radius="sm" bg="gray.0">
                  <Group align="flex-start" wrap="nowrap" gap="xs">
                    <Text size="sm" c="dimmed" w={28} pt={6}>{ii + 1}.</Text>
                    <Stack gap={6} style={{ flex: 1 }}>
                      <TextInput aria-label={`Domanda ${ii + 1} di ${d.label}`} placeholder="Testo della domanda" {...form.getInputProps(`definition.dimensions.${di}.items.${ii}.text`)} />
                      <Group gap="xs" wrap="nowrap">
                        {item.options.map((o, oi) => (
                          <Group key={o.code} gap={2} wrap="nowrap" style={{ flex: 1 }}>
                            <TextInput size="xs" style={{ flex: 1 }} aria-label={`Risposta ${oi + 1} della domanda ${ii + 1}`} {...form.getInputProps(`definition.dimensions.${di}.items.${ii}.options.${oi}.label`)} />
                            <NumberInput size="xs" w={76} suffix=" pt" min={0} max={100} allowDecimal={false} aria-label={`Punti della risposta ${oi + 1} della domanda ${ii + 1}`} {...form.getInputProps(`definition.dimensions.${di}.items.${ii}.options.${oi}.points`)} />
                          </Group>
                        ))}
                      </Group>
                    </Stack>
                    <Tooltip label="Togli la domanda">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={4}
                        aria-label={`Togli la domanda ${ii + 1} di ${d.label}`}
                        disabled={d.items.length <= 1}
                        onClick={() => form.removeListItem(`definition.dimensions.${di}.items`, ii)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Paper>
              ))}
            </Stack>
            <Button mt="xs" size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem(`definition.dimensions.${di}.items`, newItem(def, d))}>
              Aggiungi domanda a {d.label}
            </Button>
          </Paper>
        ))}
        {failure && <Alert color="red" title="Questionario non salvato">{failure}</Alert>}
        <Group justify="flex-end" pos="sticky" bottom={0} py="sm" bg="var(--mantine-color-body)" style={{ zIndex: 2 }}>
          <Button variant="default" onClick={onDone}>Annulla le modifiche</Button>
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>Salva come nuova versione</Button>
        </Group>
      </Stack>
    </form>
  );
}

function Versions() {
  const versions = useApiQuery('assessments.templateVersions', {});
  return (
    <QueryState query={versions}>
      {(rows) => (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Versione</Table.Th>
              <Table.Th>Titolo</Table.Th>
              <Table.Th>Creata il</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...rows].sort((a, b) => b.version - a.version).map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>v{v.version}</Table.Td>
                <Table.Td>{v.title}</Table.Td>
                <Table.Td>{formatDate(v.createdAt, true)}</Table.Td>
                <Table.Td>{v.active && <Badge color="green" variant="light">In vigore</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </QueryState>
  );
}

/** Settings (administrators): the L.R. 14/2015 questionnaire in force, its versions, and editing it as a new version. */
export function QuestionnairePanel() {
  const template = useApiQuery('assessments.template', {});
  const [editing, setEditing] = useState(false);
  return (
    <Stack>
      <Card withBorder radius="md">
        <QueryState query={template}>
          {(t) => (
            <>
              <Group justify="space-between" mb="xs">
                <div>
                  <Title order={4}>{t.title}</Title>
                  <Text size="sm" c="dimmed">
                    Versione {t.version} in vigore dal {formatDate(t.createdAt)} · {countItems(t.definition)} domande in {t.definition.dimensions.length} dimensioni ·
                    punteggio massimo {maxPoints(t.definition)}
                  </Text>
                </div>
                {!editing && (
                  <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
                    Modifica (nuova versione)
                  </Button>
                )}
              </Group>
              {editing ? <Editor template={t} onDone={() => setEditing(false)} /> : <ReadOnly template={t} />}
            </>
          )}
        </QueryState>
      </Card>
      <Card withBorder radius="md">
        <Title order={5} mb="xs">Versioni del questionario</Title>
        <Text size="sm" c="dimmed" mb="sm">Ogni valutazione resta legata alla versione con cui è stata fatta, così i punteggi passati non cambiano.</Text>
        <Versions />
      </Card>
    </Stack>
  );
}
