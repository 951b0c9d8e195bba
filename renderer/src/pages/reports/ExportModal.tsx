import { Alert, Button, Checkbox, Group, List, Modal, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { ReportModel } from '../../../../electron/contract/reports';
import { call } from '../../api/client';
import { useJob } from '../../api/jobs';

/**
 * Export of the report shown on screen: the Excel workbook and/or the PDF, built from the same
 * model (its id) as jobs in the background, one at a time, with a progress bar and «Annulla», then
 * saved (Electron: a save dialog; browser: a download).
 */

type Step = { key: 'xlsx' | 'pdf'; label: string };
const STEPS: Step[] = [
  { key: 'xlsx', label: 'Cartella Excel' },
  { key: 'pdf', label: 'Documento PDF' },
];

export function ExportModal({ model, opened, onClose }: { model: ReportModel; opened: boolean; onClose: () => void }) {
  const [chosen, setChosen] = useState<Record<Step['key'], boolean>>({ xlsx: true, pdf: true });
  const [running, setRunning] = useState(false);
  // finished steps and the one in progress; the running step's share comes from its job's events
  const [progress, setProgress] = useState<{ done: number; total: number; label: string } | null>(null);
  const [saved, setSaved] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const job = useJob();
  const stopped = useRef(false);

  const close = () => {
    if (running) return;
    setProgress(null);
    setSaved([]);
    setError(null);
    onClose();
  };

  const stop = () => {
    stopped.current = true;
    job.cancel();
  };

  const run = async () => {
    const steps = STEPS.filter((s) => chosen[s.key]);
    setRunning(true);
    setError(null);
    setSaved([]);
    stopped.current = false;
    let written = 0;
    try {
      for (const [i, step] of steps.entries()) {
        setProgress({ done: i, total: steps.length, label: step.label });
        const outcome = await job.run(() => call(step.key === 'xlsx' ? 'reports.excel' : 'reports.pdf', { period: model.period.code, modelId: model.id }));
        if (stopped.current) break;
        // null without «Annulla»: in Electron the user closed a save dialog, so that file is simply not written
        if (outcome) {
          written++;
          setSaved((s) => [...s, outcome.where]);
        }
      }
      const label = stopped.current ? 'Esportazione annullata' : written > 0 ? 'Esportazione completata' : 'Nessun file salvato';
      setProgress({ done: stopped.current ? 0 : steps.length, total: steps.length, label });
      if (written > 0 && !stopped.current) notifications.show({ color: 'green', title: 'Report esportato', message: `${model.period.label}: ${steps.map((s) => s.label).join(' e ')}` });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };

  const share = job.progress && job.progress.total > 0 ? job.progress.done / job.progress.total : 0;
  const percent = progress ? Math.round(((progress.done + (running ? share : 0)) / progress.total) * 100) : 0;
  const finished = progress !== null && progress.done === progress.total && !running;
  return (
    <Modal opened={opened} onClose={close} title={`Esporta il report: ${model.period.label}`} closeOnClickOutside={!running} closeOnEscape={!running} withCloseButton={!running}>
      <Stack>
        <Text size="sm">Excel e PDF riportano le stesse cifre mostrate a schermo, con soli dati aggregati.</Text>
        <Group>
          <Checkbox label="Excel (.xlsx)" checked={chosen.xlsx} disabled={running} onChange={(e) => setChosen((c) => ({ ...c, xlsx: e.currentTarget.checked }))} />
          <Checkbox label="PDF" checked={chosen.pdf} disabled={running} onChange={(e) => setChosen((c) => ({ ...c, pdf: e.currentTarget.checked }))} />
        </Group>
        {progress && (
          <Stack gap={4}>
            <Progress value={percent} animated={running} striped={running} size="lg" aria-label="Avanzamento dell’esportazione" />
            <Text size="sm" c="dimmed" data-testid="export-stato">
              {running && job.progress ? `${progress.label}: ${job.progress.label}` : progress.label} ({percent}%)
            </Text>
          </Stack>
        )}
        {saved.length > 0 && (
          <List size="sm" icon={<IconCheck size={14} />} spacing={2}>
            {saved.map((s) => (
              <List.Item key={s}>{s}</List.Item>
            ))}
          </List>
        )}
        {error && (
          <Alert color="red" title="Esportazione non riuscita">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={running ? stop : close}>
            {finished ? 'Chiudi' : 'Annulla'}
          </Button>
          <Button onClick={() => void run()} loading={running} disabled={!chosen.xlsx && !chosen.pdf}>
            {finished ? 'Esporta di nuovo' : 'Esporta'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
