import { Card, Text, ThemeIcon, Timeline as MantineTimeline } from '@mantine/core';
import { IconCalendarX, IconClipboardCheck, IconFileText, IconFlag, IconNote, IconRoute, IconSignature, IconUserPlus, type TablerIcon } from '@tabler/icons-react';
import type { TimelineEntry, TimelineKind } from '../../../../../electron/contract/people';
import { formatDate } from '../../../format';

const KINDS: Record<TimelineKind, { icon: TablerIcon; color: string; label: string }> = {
  registrazione: { icon: IconUserPlus, color: 'gray', label: 'Registrazione' },
  stato: { icon: IconFlag, color: 'blue', label: 'Stato del caso' },
  valutazione: { icon: IconClipboardCheck, color: 'violet', label: 'Valutazione' },
  mancata_presentazione: { icon: IconCalendarX, color: 'red', label: 'Mancata presentazione' },
  percorso: { icon: IconRoute, color: 'teal', label: 'Percorso' },
  patto: { icon: IconSignature, color: 'indigo', label: 'Patto per il buon lavoro' },
  documento: { icon: IconFileText, color: 'cyan', label: 'Documento' },
  nota: { icon: IconNote, color: 'yellow', label: 'Nota' },
};

/** Cronologia: everything that happened to the person, newest first (the server's order). */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <Text c="dimmed">La cronologia è vuota: qui compariranno registrazione, cambi di stato, valutazioni, documenti e note.</Text>;
  return (
    <Card withBorder radius="md">
      <MantineTimeline bulletSize={28} lineWidth={2} aria-label="Cronologia">
        {entries.map((entry, index) => {
          const kind = KINDS[entry.kind];
          return (
            <MantineTimeline.Item
              key={`${entry.at}-${index}`}
              bullet={
                <ThemeIcon color={kind.color} variant="light" radius="xl" size={26}>
                  <kind.icon size={16} aria-label={kind.label} />
                </ThemeIcon>
              }
              title={entry.title}
              data-testid={`timeline-${entry.kind}`}
            >
              {entry.detail && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{entry.detail}</Text>}
              {entry.kind === 'nota' && (
                <Text size="sm" c="dimmed">
                  Il testo è nella scheda «Note».
                </Text>
              )}
              <Text size="xs" c="dimmed" mt={2}>
                {formatDate(entry.at, entry.at.length > 10)}
                {entry.by ? ` · ${entry.by}` : ''}
              </Text>
            </MantineTimeline.Item>
          );
        })}
      </MantineTimeline>
    </Card>
  );
}
