import { Card, Table, Text, Title } from '@mantine/core';
import { useApiQuery } from '../../api/hooks';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../format';

export function AuditPanel() {
  const rows = useApiQuery('system.audit.recent', { limit: 50 });
  return (
    <Card withBorder radius="md">
      <Title order={4} mb="xs">Registro delle modifiche</Title>
      <Text size="sm" c="dimmed" mb="sm">Le ultime 50 operazioni: chi, quando, che cosa.</Text>
      <QueryState query={rows}>
        {(audit) => (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Quando</Table.Th>
                <Table.Th>Utente</Table.Th>
                <Table.Th>Operazione</Table.Th>
                <Table.Th>Oggetto</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatDate(r.at, true)}</Table.Td>
                  <Table.Td>{r.username ?? '—'}</Table.Td>
                  <Table.Td>{r.action}</Table.Td>
                  <Table.Td>{r.entity}{r.entityId ? ` n. ${r.entityId}` : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Card>
  );
}
