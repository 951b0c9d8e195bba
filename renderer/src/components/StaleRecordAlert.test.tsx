import { ModalsProvider } from '@mantine/modals';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { render } from '../test/render';
import { StaleRecordAlert, staleRecordMessage } from './StaleRecordAlert';

const MESSAGE = 'Modificato da Laura Verdi alle 10:42: ricarica per vedere le modifiche';

describe('staleRecordMessage', () => {
  it('tells the refusal of a save on an old version from the other conflicts', () => {
    expect(staleRecordMessage(new ApiError('CONFLICT', MESSAGE, { version: MESSAGE }))).toBe(MESSAGE);
    expect(staleRecordMessage(new ApiError('CONFLICT', 'Codice fiscale già registrato', { taxCode: 'Codice fiscale già registrato' }))).toBeNull();
    expect(staleRecordMessage(new ApiError('VALIDATION', 'Dati non validi', { version: 'Versione della scheda mancante' }))).toBeNull();
    expect(staleRecordMessage(new Error(MESSAGE))).toBeNull();
  });
});

describe('StaleRecordAlert', () => {
  it('shows who changed the record and reloads at once when nothing was typed', async () => {
    const onReload = vi.fn();
    const { user } = render(
      <ModalsProvider>
        <StaleRecordAlert message={MESSAGE} dirty={false} onReload={onReload} />
      </ModalsProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain(MESSAGE);
    await user.click(screen.getByRole('button', { name: 'Ricarica' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('asks before replacing what was typed, and reloads only when confirmed', async () => {
    const onReload = vi.fn();
    const { user } = render(
      <ModalsProvider>
        <StaleRecordAlert message={MESSAGE} dirty onReload={onReload} />
      </ModalsProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Ricarica' }));
    await screen.findByRole('dialog', { name: 'Ricaricare i dati salvati?' });
    await user.click(screen.getByRole('button', { name: 'Continua a modificare' }));
    expect(onReload).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Ricarica' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ricaricare i dati salvati?' });
    await user.click(within(dialog).getByRole('button', { name: 'Ricarica' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });
});
