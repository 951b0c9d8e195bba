import { Alert, Anchor, Badge, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AssessmentDetail } from '../../../../../electron/contract/assessments';
import type { AssessmentView } from '../../../../../electron/contract/assessments';
import { BAND_LABELS, type Band } from '../../../../../electron/domain/bands';
import { useApiQuery } from '../../../api/hooks';
import { QueryState } from '../../../components/QueryState';
import { formatDate } from '../../../format';
import { BAND_COLORS } from './caseLabels';

export function BandBadge({ band, size = 'md' }: { band: Band; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={BAND_COLORS[band]} variant="light" size={size} data-testid="band-badge">
      {BAND_LABELS[band].label}
    </Badge>
  );
}

const points = (n: number) => `${n} ${n === 1 ? 'punto' : 'punti'}`;

/** The answers with the texts of the questionnaire version the assessment was made with. */
function Answers({ detail }: { detail: AssessmentDetail }) {
  const byItem = new Map((detail.answers ?? []).map((a) => [a.itemCode, a]));
  return (
    <Stack gap="sm">
      {detail.template.definition.dimensions.map((d) => (
        <div key={d.code}>
          <Title order={5} mb={4}>
            {d.label} <Text span c="dimmed" size="sm">· {points(d.items.reduce((sum, item) => sum + (byItem.get(item.code)?.points ?? 0), 0))}</Text>
          </Title>
          <Table striped withRowBorders={false}>
            <Table.Tbody>
              {d.items.map((item) => {
                const a = byItem.get(item.code);
                return (
                  <Table.Tr key={item.code}>
                    <Table.Td>{item.text}</Table.Td>
                    <Table.Td w={180}>{a ? (item.options.find((o) => o.code === a.optionCode)?.label ?? a.optionCode) : '—'}</Table.Td>
                    <Table.Td w={50} ta="right">{a?.points ?? '—'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      ))}
    </Stack>
  );
}

function Detail({ id }: { id: number }) {
  const detail = useApiQuery('assessments.get', { id });
  return (
    <QueryState query={detail}>
      {(d) => (
        <Stack>
          <Group gap="lg">
            <Text>Totale <b>{points(d.totalPoints)}</b></Text>
            <BandBadge band={d.band} size="lg" />
            <Text size="sm" c="dimmed">
              {formatDate(d.assessedOn)} · {d.assessorName ?? '—'} · questionario v{d.template.version} · soglie: fragile oltre {d.thresholds.fragileAbove}, forte sotto{' '}
              {d.thresholds.strongBelow}
            </Text>
          </Group>
          {d.routing && <Text size="sm">Indirizzamento: {d.routing}</Text>}
          {d.notes && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>Note: {d.notes}</Text>}
          {d.answers ? <Answers detail={d} /> : <Alert color="gray">Le risposte sono visibili solo a chi segue i casi.</Alert>}
        </Stack>
      )}
    </QueryState>
  );
}

/** Valutazioni: every L.R. 14 assessment of the person, newest first; one opens with its answers. */
export function AssessmentHistory({ assessments, canSeeAnswers }: { assessments: AssessmentView[]; canSeeAnswers: boolean }) {
  const [open, setOpen] = useState<AssessmentView | null>(null);
  if (assessments.length === 0) {
    return <Text c="dimmed">Nessuna valutazione. La valutazione L.R. 14/2015 si fa dal Percorso, dopo il colloquio («Valuta (L.R. 14)»).</Text>;
  }
  const sorted = [...assessments].sort((a, b) => b.assessedOn.localeCompare(a.assessedOn) || b.id - a.id);
  return (
    <Card withBorder radius="md">
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Data</Table.Th>
            <Table.Th ta="right">Totale</Table.Th>
            <Table.Th>Fascia</Table.Th>
            <Table.Th>Indirizzamento</Table.Th>
            <Table.Th>Valutatore</Table.Th>
            <Table.Th>Questionario</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((a) => (
            <Table.Tr key={a.id} onClick={() => setOpen(a)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Anchor component="button" type="button" size="sm" onClick={() => setOpen(a)}>{formatDate(a.assessedOn)}</Anchor>
              </Table.Td>
              <Table.Td ta="right" fw={600}>{a.totalPoints}</Table.Td>
              <Table.Td><BandBadge band={a.band} /></Table.Td>
              <Table.Td>{a.routing ?? BAND_LABELS[a.band].routing}</Table.Td>
              <Table.Td>{a.assessorName ?? '—'}</Table.Td>
              <Table.Td>v{a.templateVersion}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open ? `Valutazione del ${formatDate(open.assessedOn)}` : ''} size={canSeeAnswers ? 'xl' : 'lg'}>
        {open && <Detail id={open.id} />}
      </Modal>
    </Card>
  );
}
