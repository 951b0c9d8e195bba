import { Alert, Button, Checkbox, Group, List, Modal, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { ReportModel } from '../../../../electron/contract/reports';
import { call } from '../../api/client';
import { saveBase64File } from '../../api/download';

/**
 * Export of the report shown on screen: the Excel workbook and/or the PDF, built from the same
 * model (its id), one step at a time with a progress bar, then saved (Electron: a save dialog;
 * browser: the downloads folder).
 */

type Step = { key: 'xlsx' | 'pdf'; label: string };
const STEPS: Step[] = [
  { key: 'xlsx', label: 'Cartella Excel' },
  { key: 'pdf', label: 'Documento PDF' },
];

export function ExportModal({ model, opened, onClose }: { model: ReportModel; opened: boolean; onClose: () => void }) {
  const [chosen, setChosen] = useState<Record<Step['key'], boolean>>({ xlsx: true, pdf: true });
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; label: string } | null>(null);
  const [saved, setSaved] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    if (running) return;
    setProgress(null);
    setSaved([]);
    setError(null);
    onClose();
  };

  const run = async () => {
    const steps = STEPS.filter((s) => chosen[s.key]);
    // each file: build it, then save it
    const total = steps.length * 2;
    setRunning(true);
    setError(null);
    setSaved([]);
    let done = 0;
    let written = 0;
    try {
      for (const step of steps) {
        setProgress({ done, total, label: `${step.label}: preparazione…` });
        const file = await call(step.key === 'xlsx' ? 'reports.excel' : 'reports.pdf', { period: model.period.code, modelId: model.id });
        done++;
        setProgress({ done, total, label: `${step.label}: salvataggio…` });
        const where = await saveBase64File(file.fileName, file.contentBase64, file.mimeType);
        done++;
        if (where) {
          written++;
          setSaved((s) => [...s, where]);
        }
      }
      // in Electron the user may cancel a save dialog: then that file is simply not written
      setProgress({ done: total, total, label: written > 0 ? 'Esportazione completata' : 'Nessun file salvato' });
      if (written > 0) notifications.show({ color: 'green', title: 'Report esportato', message: `${model.period.label}: ${steps.map((s) => s.label).join(' e ')}` });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };

  const percent = progress ? Math.round((progress.done / progress.total) * 100) : 0;
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
              {progress.label} ({percent}%)
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
          <Button variant="default" onClick={close} disabled={running}>
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
