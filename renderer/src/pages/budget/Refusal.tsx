import { Alert, Badge, Button, Group, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';

/** A refusal from the API, kept to show it and, when it is about the money left, to offer the override. */
export interface Refusal {
  message: string;
  fields: Record<string, string>;
  /** Over what is left (CONFLICT with an overrideReason field): a finance user may go ahead with a reason. */
  overridable: boolean;
}

export function refusalOf(error: unknown): Refusal {
  if (error instanceof ApiError) {
    return { message: error.message, fields: error.fields, overridable: error.code === 'CONFLICT' && 'overrideReason' in error.fields };
  }
  return { message: 'Operazione non riuscita', fields: {}, overridable: false };
}

const MIN_REASON = 10;

/**
 * The refusal, in red, with the amount left as the API states it. When the amount goes beyond what is
 * left and the user may write money, a clear second step: "Procedi comunque" opens a required reason,
 * and only "Registra con deroga" sends it again with that reason (recorded and shown with a badge).
 */
export function RefusalPanel({ refusal, title, canOverride, pending, onOverride }: { refusal: Refusal; title: string; canOverride: boolean; pending: boolean; onOverride: (reason: string) => void }) {
  const [step, setStep] = useState<'refused' | 'reason'>('refused');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  // the refusal appears under the form: bring it into view
  useEffect(() => {
    // a block, not an expression: scrollIntoView returns a promise in recent Chromium, not a cleanup
    void panel.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [step]);
  const confirm = () => {
    if (reason.trim().length < MIN_REASON) return setError(`Scrivere la motivazione della deroga (almeno ${MIN_REASON} caratteri)`);
    onOverride(reason.trim());
  };
  return (
    <Alert ref={panel} color="red" title={title} icon={<IconAlertTriangle size={18} />} role="alert">
      <Stack gap="sm">
        <Text size="sm" fw={500}>{refusal.message}</Text>
        {refusal.overridable && !canOverride && <Text size="sm">Solo l’ufficio finanza o un amministratore può registrarlo oltre il disponibile, con una motivazione.</Text>}
        {refusal.overridable && canOverride && step === 'refused' && (
          <Group gap="xs">
            <Text size="sm" c="dimmed" mr="auto">Correggere l’importo, oppure registrarlo comunque come deroga motivata.</Text>
            <Button size="xs" color="orange" variant="light" onClick={() => setStep('reason')}>
              Procedi comunque…
            </Button>
          </Group>
        )}
        {refusal.overridable && canOverride && step === 'reason' && (
          <Stack gap="xs">
            <Textarea
              label="Motivazione della deroga"
              description="Resta registrata sul movimento e compare nell’elenco delle deroghe"
              withAsterisk
              autosize
              minRows={2}
              autoFocus
              value={reason}
              error={error}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setError(null);
              }}
            />
            <Group justify="flex-end" gap="xs">
              <Button size="xs" variant="default" onClick={() => setStep('refused')}>Annulla</Button>
              <Button size="xs" color="orange" loading={pending} onClick={confirm}>
                Registra con deroga
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Alert>
  );
}

/** The badge of a movement recorded beyond what was left, with its reason on hover. */
export function OverrideBadge({ reason }: { reason: string | null }) {
  if (!reason) return null;
  return (
    <Tooltip label={`Deroga: ${reason}`} multiline maw={360} openDelay={200}>
      <Badge size="sm" color="orange" variant="light" tt="none" style={{ cursor: 'help' }}>
        Deroga
      </Badge>
    </Tooltip>
  );
}
