import { Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import type { Settings } from '../../../../electron/contract/system';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { applyServerErrors } from '../../auth/formErrors';
import { QueryState } from '../../components/QueryState';

function GeneralForm({ settings }: { settings: Settings }) {
  const save = useApiMutation('system.settings.update', { success: 'Impostazioni salvate', quietErrors: true });
  const form = useForm({ initialValues: settings });
  useEffect(() => form.setInitialValues(settings), [settings]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values, { onError: (e) => form.setFieldError('backupKeep', applyServerErrors(form, e)) }))}>
      <Stack maw={520}>
        <NumberInput label="Backup da conservare" description="I backup automatici più vecchi vengono eliminati" min={1} max={365} {...form.getInputProps('backupKeep')} />
        <Text fw={600} size="sm" mt="sm">Fasce del profilo di fragilità L.R. 14/2015</Text>
        <Group grow>
          <NumberInput label="Fragile oltre (punti)" description="Totale maggiore di questo valore" min={1} {...form.getInputProps('bandFragileAbove')} />
          <NumberInput label="Profilo forte sotto (punti)" description="Totale minore di questo valore" min={0} {...form.getInputProps('bandStrongBelow')} />
        </Group>
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>Salva</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function GeneralPanel() {
  const settings = useApiQuery('system.settings.get', {});
  return (
    <Card withBorder radius="md">
      <Title order={4} mb="sm">Impostazioni generali</Title>
      <QueryState query={settings}>{(s) => <GeneralForm settings={s} />}</QueryState>
    </Card>
  );
}
