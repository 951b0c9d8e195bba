import { Badge, Group, List, Text, ThemeIcon, type MantineColor } from '@mantine/core';
import { IconCheck, IconMinus } from '@tabler/icons-react';
import type { MatchReason } from '../../../../electron/contract/matching';
import { INTERVENTION_STATUS_LABELS, type InterventionStatus } from '../../../../electron/domain/paths';
import { formatDate } from '../../format';

/** Colours of the intervention statuses, the same everywhere. */
export const INTERVENTION_STATUS_COLORS: Record<InterventionStatus, MantineColor> = {
  proposto: 'blue',
  attivo: 'teal',
  concluso: 'dark',
  interrotto: 'orange',
};

export function InterventionStatusBadge({ status, size = 'sm' }: { status: InterventionStatus; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge color={INTERVENTION_STATUS_COLORS[status]} variant="light" size={size} tt="none" data-testid="intervention-status">
      {INTERVENTION_STATUS_LABELS[status]}
    </Badge>
  );
}

/** "dal 03/03/2025 al 29/08/2025", "dal 03/03/2025", "da definire". */
export function period(start: string | null, end: string | null): string {
  if (!start && !end) return 'date da definire';
  if (!start) return `fino al ${formatDate(end)}`;
  return end ? `dal ${formatDate(start)} al ${formatDate(end)}` : `dal ${formatDate(start)}`;
}

/** "1 giorno", "52 giorni". */
export function days(n: number): string {
  return `${n} ${n === 1 ? 'giorno' : 'giorni'}`;
}

/** The reasons of a match: what speaks for it with a tick, what against it dimmed. */
export function ReasonList({ reasons }: { reasons: MatchReason[] }) {
  return (
    <List spacing={2} size="sm" center data-testid="match-reasons">
      {reasons.map((r) => (
        <List.Item
          key={r.text}
          icon={
            <ThemeIcon size={16} radius="xl" color={r.positive ? 'teal' : 'gray'} variant={r.positive ? 'filled' : 'light'}>
              {r.positive ? <IconCheck size={11} /> : <IconMinus size={11} />}
            </ThemeIcon>
          }
        >
          <Text size="sm" c={r.positive ? undefined : 'dimmed'}>
            {r.text}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** The matching score as a coloured badge out of 100. */
export function ScoreBadge({ score }: { score: number }) {
  // dark or light enough for the number to read at 4.5:1 (autoContrast picks its colour)
  const color = score >= 70 ? 'teal.9' : score >= 45 ? 'yellow.5' : 'gray.7';
  return (
    <Group gap={4} wrap="nowrap">
      <Badge size="lg" color={color} variant="filled" autoContrast aria-label={`Punteggio ${score} su 100`} data-testid="match-score">
        {score}
      </Badge>
      <Text size="xs" c="dimmed">/100</Text>
    </Group>
  );
}
