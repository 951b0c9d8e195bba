import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ExportFile } from '../../../../electron/contract/budget';
import { saveBase64File, XLSX_MIME } from '../../api/download';
import { formatNumber } from '../../format';

/** An Excel export: asks the API for the file, saves it and says where it went (or why it failed). */
export function useExcelExport() {
  const [exporting, setExporting] = useState(false);
  const run = async (produce: () => Promise<ExportFile>) => {
    setExporting(true);
    try {
      const file = await produce();
      const where = await saveBase64File(file.fileName, file.contentBase64, XLSX_MIME);
      if (where) {
        notifications.show({
          color: 'green',
          title: 'Esportazione completata',
          message: `${formatNumber(file.rows)} ${file.rows === 1 ? 'riga esportata' : 'righe esportate'} in ${where}`,
        });
      }
    } catch (error) {
      notifications.show({ color: 'red', title: 'Esportazione non riuscita', message: (error as Error).message });
    } finally {
      setExporting(false);
    }
  };
  return { exporting, run };
}
