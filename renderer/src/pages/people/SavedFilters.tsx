import { ActionIcon, Button, Group, Modal, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { completeFilter, filterKey, type Filter } from './listState';

function SaveFilterModal({ opened, initialName, filter, onClose, onSaved }: { opened: boolean; initialName: string; filter: Filter; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const save = useApiMutation('people.savedFilters.save', { success: (f) => `Filtro «${f.name}» salvato`, quietErrors: true });
  const submit = () => {
    if (!name.trim()) return setError('Dare un nome al filtro');
    save.mutate({ name: name.trim(), filter }, { onSuccess: onSaved, onError: (e) => setError(e.fields.name ?? e.message) });
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Salva filtro">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Text size="sm">I filtri e la ricerca attuali si potranno riapplicare con un clic. Un filtro con lo stesso nome viene sostituito.</Text>
          <TextInput label="Nome del filtro" data-autofocus value={name} onChange={(e) => { setName(e.currentTarget.value); setError(null); }} error={error} maxLength={60} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Annulla</Button>
            <Button type="submit" loading={save.isPending}>Salva</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The user's saved filters: apply one, save the current one under a name, delete one. */
export function SavedFilters({ filter, onApply }: { filter: Filter; onApply: (filter: Filter) => void }) {
  const saved = useApiQuery('people.savedFilters.list', {});
  const remove = useApiMutation('people.savedFilters.delete', { success: 'Filtro eliminato' });
  const [saving, setSaving] = useState(false);
  const current = filterKey(filter);
  const active = saved.data?.find((f) => filterKey(completeFilter(f.filter as Partial<Filter>)) === current) ?? null;
  const confirmDelete = () => {
    if (!active) return;
    modals.openConfirmModal({
      title: 'Eliminare il filtro salvato?',
      children: <Text size="sm">Il filtro «{active.name}» non comparirà più nell’elenco. Le persone non vengono toccate.</Text>,
      labels: { confirm: 'Elimina filtro', cancel: 'Annulla' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ id: active.id }),
    });
  };
  return (
    <Group gap="xs" wrap="nowrap">
      {saved.data && saved.data.length > 0 && (
        <Select
          aria-label="Filtri salvati"
          placeholder="Filtri salvati"
          w={200}
          data={saved.data.map((f) => ({ value: String(f.id), label: f.name }))}
          value={active ? String(active.id) : null}
          allowDeselect={false}
          onChange={(id) => {
            const chosen = saved.data?.find((f) => String(f.id) === id);
            if (chosen) onApply(completeFilter(chosen.filter as Partial<Filter>));
          }}
        />
      )}
      <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} onClick={() => setSaving(true)}>
        Salva filtro…
      </Button>
      {active && (
        <Tooltip label={`Elimina il filtro «${active.name}»`}>
          <ActionIcon variant="subtle" color="red" size="lg" aria-label={`Elimina il filtro «${active.name}»`} onClick={confirmDelete}>
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
      )}
      {saving && <SaveFilterModal opened initialName={active?.name ?? ''} filter={filter} onClose={() => setSaving(false)} onSaved={() => setSaving(false)} />}
    </Group>
  );
}
