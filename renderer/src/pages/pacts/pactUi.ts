import { notifications } from '@mantine/notifications';
import type { PactPdfFile } from '../../../../electron/contract/pacts';
import { PACT_MODE_LABELS, type PactMode, type PactStatus } from '../../../../electron/domain/pacts';
import { call } from '../../api/client';
import { isElectron } from '../../api/transport';

/** Shared bits of the Patti pages: colours, short labels, and printing a PDF from either host. */

export const PACT_STATUS_COLORS: Record<PactStatus, string> = {
  bozza: 'gray',
  stampato: 'blue',
  firmato: 'green',
  archiviato: 'teal',
  annullato: 'red',
};

/** Short forms for a narrow column (the full labels are the form's). */
export const PACT_MODE_SHORT: Record<PactMode, string> = {
  inserimento: 'Inserimento',
  tirocinio: 'Tirocinio',
  autoimpiego: 'Autoimpiego',
  altro: 'Altro',
};

export function modesText(modes: readonly PactMode[], altro: string | null = null): string {
  if (modes.length === 0) return '—';
  return modes.map((m) => (m === 'altro' && altro ? `altro: ${altro}` : PACT_MODE_LABELS[m])).join(', ');
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A tab opened at once, on the click (browsers block tabs opened later, after a network call), that
 * shows the PDF when it arrives. Null in Electron, which prints through the system dialog instead.
 */
export function openPendingTab(): Window | null {
  if (isElectron()) return null;
  const tab = window.open('', '_blank');
  if (tab) {
    tab.document.title = 'Preparazione del PDF…';
    tab.document.body.textContent = 'Preparazione del PDF…';
    tab.document.body.style.font = '16px sans-serif';
  }
  return tab;
}

export type PrintOutcome = 'printed' | 'opened' | 'downloaded' | 'cancelled';

/**
 * Shows a PDF to print: in Electron the system print dialog (bridge.printPdf); in the browser the PDF
 * opens in the tab prepared on the click, where the browser's own print button is; if the browser
 * blocked the tab, the PDF is downloaded instead.
 */
export async function showPdfForPrinting(file: PactPdfFile, tab: Window | null): Promise<PrintOutcome> {
  if (window.ixl) {
    const result = await window.ixl.printPdf(file.fileName.replace(/\.pdf$/i, ''), file.contentBase64);
    if (!result.printed) notifications.show({ color: 'orange', message: result.message });
    return result.printed ? 'printed' : 'cancelled';
  }
  const url = URL.createObjectURL(new Blob([bytesOf(file.contentBase64)], { type: 'application/pdf' }));
  // the tab keeps its own copy once loaded; free the memory later
  setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
  if (tab && !tab.closed) {
    tab.location.href = url;
    return 'opened';
  }
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  return 'downloaded';
}

/** The blank form, to print and fill by hand. */
export async function printBlankForm(): Promise<void> {
  const tab = openPendingTab();
  try {
    const outcome = await showPdfForPrinting(await call('pacts.blankPdf', {}), tab);
    if (outcome === 'downloaded') notifications.show({ color: 'blue', message: 'Il browser ha bloccato la nuova scheda: il modulo è stato scaricato' });
  } catch (error) {
    tab?.close();
    notifications.show({ color: 'red', title: 'Modulo non aperto', message: error instanceof Error ? error.message : String(error) });
  }
}
