import { Check, FileUp } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type {
  ImportKind,
  ImportMapping,
  ImportPreview,
  ImportProgress,
  ImportReport,
} from '../../../shared/contract';
import { api, bridge } from '../../api';
import { useToast } from '../../components/Toast';
import type { CallRunOptions } from './callOptions';
import { ChooseStep } from './ChooseStep';
import styles from './ImportPage.module.css';
import { MappingStep, type RunOptions } from './MappingStep';
import { ProgressStep } from './ProgressStep';
import { ReportStep } from './ReportStep';
import { uploadFile } from './upload';

type State =
  | { step: 'choose'; error?: string }
  | { step: 'uploading'; filename: string; share: number }
  | { step: 'map'; preview: ImportPreview; error?: string }
  | { step: 'running'; preview: ImportPreview; progress: ImportProgress | null }
  | { step: 'report'; preview: ImportPreview; report: ImportReport };

const STEPS = [
  { key: 'choose', label: 'Choose a file' },
  { key: 'map', label: 'Match columns' },
  { key: 'running', label: 'Import' },
  { key: 'report', label: 'Review' },
] as const;

const STEP_OF: Record<State['step'], (typeof STEPS)[number]['key']> = {
  choose: 'choose',
  uploading: 'choose',
  map: 'map',
  running: 'running',
  report: 'report',
};

/** What an error says, without the method and field prefix meant for developers. */
export function plainMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^[\w.]+: [\w.[\]]+: /, '');
}

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/**
 * The import wizard: choose what and which file (or drop it on the page), match its columns to
 * our fields, run (or check) it with a progress bar, and review what arrived and what did not.
 */
export function ImportPage() {
  const toast = useToast();
  const [kind, setKind] = useState<ImportKind>('deals');
  const [state, setState] = useState<State>({ step: 'choose' });
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [options, setOptions] = useState<RunOptions>({ dryRun: false, allOrNothing: false });
  const [callOptions, setCallOptions] = useState<CallRunOptions>({ timeZone: 'UTC', reps: {} });
  const [dragging, setDragging] = useState(false);
  // The upload the core holds for us, so leaving the page lets it go.
  const held = useRef<string | null>(null);

  const release = useCallback(() => {
    const importId = held.current;
    held.current = null;
    if (importId) api.import.cancel({ importId }).catch(() => undefined);
  }, []);
  useEffect(() => release, [release]);

  const choose = async (file: File) => {
    release();
    setState({ step: 'uploading', filename: file.name, share: 0 });
    try {
      held.current = await uploadFile(file, kind, (share) =>
        setState((current) => (current.step === 'uploading' ? { ...current, share } : current)),
      );
      const importId = held.current;
      const preview = await api.import.preview({ importId });
      if (preview.rows === 0) {
        release();
        setState({
          step: 'choose',
          error:
            'The file names its columns but has no rows under them: there is nothing to import.',
        });
        return;
      }
      setMapping(preview.mapping);
      setCallOptions({ timeZone: preview.timeZone, reps: {} });
      setState({ step: 'map', preview });
    } catch (error) {
      release();
      setState({ step: 'choose', error: plainMessage(error) });
    }
  };

  const running = state.step === 'running' ? state.preview.importId : null;
  useEffect(() => {
    if (!running) return;
    return bridge.on('import.progress', (payload) => {
      const progress = payload as ImportProgress;
      if (progress.importId !== running) return;
      setState((current) => (current.step === 'running' ? { ...current, progress } : current));
    });
  }, [running]);

  const run = async (preview: ImportPreview, runOptions: RunOptions) => {
    setState({ step: 'running', preview, progress: null });
    try {
      const report = await api.import.run({
        importId: preview.importId,
        mapping,
        ...runOptions,
        ...(preview.kind === 'calls' ? callOptions : {}),
      });
      if (report.committed) held.current = null;
      setState({ step: 'report', preview, report });
      if (report.committed && report.failed === 0) {
        const noun = preview.kind;
        toast.success(`Imported ${(report.created + report.updated).toLocaleString()} ${noun}`);
      }
    } catch (error) {
      setState({ step: 'map', preview, error: plainMessage(error) });
    }
  };

  const startOver = () => {
    release();
    setState({ step: 'choose' });
  };

  const acceptsDrop = state.step === 'choose' || state.step === 'report';
  const current = STEP_OF[state.step];

  return (
    <div
      className={styles.page}
      onDragEnter={(event) => {
        if (acceptsDrop && hasFiles(event)) setDragging(true);
      }}
      onDragOver={(event) => {
        if (!acceptsDrop || !hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        setDragging(false);
        if (!acceptsDrop) return;
        event.preventDefault();
        const file = event.dataTransfer.files[0];
        if (file) void choose(file);
      }}
    >
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>Import</h1>
          <p className={styles.lede}>
            Bring your deals and contacts over from Pipedrive, HubSpot or any spreadsheet, and your
            call logs from your dialer.
          </p>
        </div>
        <ol className={styles.stepper} aria-label="Import steps">
          {STEPS.map((step, index) => {
            const position = STEPS.findIndex((s) => s.key === current);
            const status = index < position ? 'done' : index === position ? 'current' : 'next';
            return (
              <li
                key={step.key}
                data-status={status}
                aria-current={status === 'current' ? 'step' : undefined}
              >
                <span className={styles.stepNumber} aria-hidden>
                  {status === 'done' ? <Check size={12} strokeWidth={3} /> : index + 1}
                </span>
                {step.label}
              </li>
            );
          })}
        </ol>
      </header>

      {(state.step === 'choose' || state.step === 'uploading') && (
        <ChooseStep
          kind={kind}
          onKind={setKind}
          onFile={(file) => void choose(file)}
          uploading={
            state.step === 'uploading' ? { filename: state.filename, share: state.share } : null
          }
          error={state.step === 'choose' ? state.error : undefined}
        />
      )}
      {state.step === 'map' && (
        <MappingStep
          preview={state.preview}
          mapping={mapping}
          onMapping={setMapping}
          options={options}
          onOptions={setOptions}
          callOptions={callOptions}
          onCallOptions={setCallOptions}
          error={state.error}
          onBack={startOver}
          onRun={() => void run(state.preview, options)}
        />
      )}
      {state.step === 'running' && (
        <ProgressStep preview={state.preview} progress={state.progress} dryRun={options.dryRun} />
      )}
      {state.step === 'report' && (
        <ReportStep
          preview={state.preview}
          report={state.report}
          onRun={(runOptions) => void run(state.preview, runOptions)}
          onEditMapping={() => setState({ step: 'map', preview: state.preview })}
          onStartOver={startOver}
        />
      )}

      {dragging && (
        <div className={styles.dropOverlay} aria-hidden>
          <FileUp size={36} />
          <span>Drop the file to import it</span>
        </div>
      )}
    </div>
  );
}
