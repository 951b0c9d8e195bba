import { Anchor, Badge, Button, Card, Group, Table, Text } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { CompanyPact, CompanyPlacement } from '../../../../../electron/contract/companies';
import { formatDate } from '../../../format';
import { INSTRUMENT_SHORT, PACT_STATUS_COLORS, PACT_STATUS_LABELS, PLACEMENT_STATUS_COLORS, PLACEMENT_STATUS_LABELS } from '../labels';

/** Persone inserite: the interventions at the company (names only). */
export function PlacementsPanel({ placements }: { placements: CompanyPlacement[] }) {
  const active = placements.filter((p) => p.status === 'attivo').length;
  return (
    <Card withBorder radius="md">
      <Text size="sm" c="dimmed" mb={placements.length > 0 ? 'sm' : 0}>
        {placements.length === 0
          ? 'Nessuna persona inserita in questa azienda finora. I percorsi (tirocini, inserimenti…) con questa azienda compariranno qui.'
          : `${placements.length} ${placements.length === 1 ? 'percorso' : 'percorsi'} con questa azienda, ${active} ${active === 1 ? 'attivo' : 'attivi'}.`}
      </Text>
      {placements.length > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Persona</Table.Th>
              <Table.Th>Strumento</Table.Th>
              <Table.Th>Stato</Table.Th>
              <Table.Th>Dal</Table.Th>
              <Table.Th>Al</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {placements.map((p) => (
              <Table.Tr key={p.interventionId}>
                <Table.Td>
                  <Anchor component={Link} to={`/persone/${p.personId}`} size="sm" fw={500}>
                    {p.personName}
                  </Anchor>
                </Table.Td>
                <Table.Td title={p.instrumentName}>{INSTRUMENT_SHORT[p.instrumentCode] ?? p.instrumentName}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={PLACEMENT_STATUS_COLORS[p.status]} tt="none">
                    {PLACEMENT_STATUS_LABELS[p.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDate(p.startDate)}</Table.Td>
                <Table.Td>{p.endDate ? formatDate(p.endDate) : p.status === 'attivo' ? 'in corso' : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** Patti per il buon lavoro signed (or to sign) with the company. */
export function PactsPanel({ companyId, pacts, canWrite }: { companyId: number; pacts: CompanyPact[]; canWrite: boolean }) {
  return (
    <Card withBorder radius="md">
      <Group justify="space-between" mb={pacts.length > 0 ? 'sm' : 0}>
        <Text size="sm" c="dimmed">
          {pacts.length === 0 ? `Nessun Patto per il buon lavoro con questa azienda.${canWrite ? ' Crearne uno con «Nuovo patto».' : ''}` : `${pacts.length} ${pacts.length === 1 ? 'patto' : 'patti'}.`}
        </Text>
        {canWrite && (
          <Button size="xs" variant="light" component={Link} to={`/patti/nuovo?companyId=${companyId}`} leftSection={<IconFilePlus size={14} />}>
            Nuovo patto
          </Button>
        )}
      </Group>
      {pacts.length > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Numero</Table.Th>
              <Table.Th>Persona</Table.Th>
              <Table.Th>Stato</Table.Th>
              <Table.Th>Data</Table.Th>
              <Table.Th>Firmato il</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pacts.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/patti/${p.id}`} size="sm" fw={500} ff="monospace">
                    {p.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{p.personName}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={PACT_STATUS_COLORS[p.status]} tt="none">
                    {PACT_STATUS_LABELS[p.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDate(p.pactDate)}</Table.Td>
                <Table.Td>{formatDate(p.signedOn)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
