import { Download } from 'lucide-react';
import { useState } from 'react';
import type { MethodInput } from '../../../shared/contract';
import { api } from '../../api';
import { Button, type ButtonProps } from '../../components/Button';
import { useToast } from '../../components/Toast';

type ExportCall =
  | { method: 'export.deals'; input: MethodInput<'export.deals'> }
  | { method: 'export.contacts'; input: MethodInput<'export.contacts'> };

export type ExportButtonProps = ExportCall & {
  /** Visible label; "Export" by default, named in full for screen readers. */
  label?: string;
  size?: ButtonProps['size'];
  variant?: ButtonProps['variant'];
};

/** Save text as a file through the browser's download, the same in Electron and a browser tab. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; a little later it can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Export the deals of a view (its filters and sort) or the contacts as CSV. Put it on a toolbar
 * with the view's current input.
 */
export function ExportButton({
  label,
  size = 'md',
  variant = 'secondary',
  ...call
}: ExportButtonProps) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const noun = call.method === 'export.deals' ? 'deals' : 'contacts';

  const exportCsv = async () => {
    setBusy(true);
    try {
      const result =
        call.method === 'export.deals'
          ? await api.export.deals(call.input)
          : await api.export.contacts(call.input);
      downloadText(result.filename, result.csv);
      toast.success(`Exported ${result.rows.toLocaleString()} ${noun} to ${result.filename}`);
    } catch (error) {
      toast.error(`The export failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      size={size}
      variant={variant}
      icon={<Download />}
      busy={busy}
      onClick={() => void exportCsv()}
      aria-label={label ? undefined : `Export ${noun} as CSV`}
      title={`Download the ${noun} as a CSV file`}
    >
      {label ?? 'Export'}
    </Button>
  );
}
