import { CircleAlert, FileAudio, FileUp, X } from 'lucide-react';
import { useId, useRef, useState, type DragEvent } from 'react';
import type { CallDetail } from '../../../shared/contract/scoring';
import { ApiError } from '../../../shared/contract/errors';
import { api } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { CALL_PAGE_COMMANDS } from './commands';
import { errorSentence } from './scoreText';
import styles from './AttachTranscript.module.css';

export const ATTACH_LABEL =
  'Attach a transcript (Deepgram, AssemblyAI, AWS Transcribe, WebVTT, SRT or text)';

const ACCEPT = '.json,.vtt,.srt,.txt,.text,application/json,text/vtt,text/plain';

/** The file as text, read here in the browser; what the core parses and scores. */
async function readFile(file: File): Promise<string> {
  if (file.size > 20_000_000) {
    throw new Error(
      `${file.name} is ${Math.round(file.size / 1_000_000)} MB: a transcript of a long call is under 2 MB. Is it the recording rather than its transcript?`,
    );
  }
  return file.text();
}

/**
 * A transcript file for a call: dropped on the zone or chosen with the button (or `A`). The file
 * is read in the browser and sent to the core, which detects its format, finds the rep and scores
 * the call. A file that cannot be read says why, and where.
 */
export function AttachTranscript({
  callId,
  onAttached,
  compact = false,
}: {
  callId: string;
  onAttached: (detail: CallDetail) => void;
  /** A small "Replace transcript" button instead of the drop zone. */
  compact?: boolean;
}) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{
    file: string;
    message: string;
    unreadable: boolean;
  } | null>(null);
  const [over, setOver] = useState(false);

  useShortcut(CALL_PAGE_COMMANDS.attach, () => inputRef.current?.click(), { enabled: !busy });

  const attach = async (file: File | undefined) => {
    if (!file || busy) return;
    setBusy(file.name);
    setProblem(null);
    try {
      const text = await readFile(file);
      const detail = await api.transcripts.import({ callId, text, filename: file.name });
      onAttached(detail);
    } catch (error) {
      // A file the core could not read is the file's problem; anything else (a refusal, a lost
      // connection) is not, and says so.
      const unreadable =
        !(error instanceof ApiError) ||
        (error.code === 'invalid_input' && error.field !== 'callId');
      setProblem({ file: file.name, message: errorSentence(error), unreadable });
    } finally {
      setBusy(null);
      if (inputRef.current) inputRef.current.value = '';
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void attach(event.dataTransfer.files[0]);
  };

  const input = (
    <input
      ref={inputRef}
      id={inputId}
      type="file"
      accept={ACCEPT}
      className={styles.input}
      aria-label={compact ? 'Replace the transcript' : ATTACH_LABEL}
      onChange={(event) => void attach(event.target.files?.[0])}
    />
  );

  const problemPanel = problem && (
    <div className={styles.problem} role="alert">
      <CircleAlert size={18} aria-hidden />
      <div>
        <p className={styles.problemTitle}>
          {problem.unreadable
            ? `${problem.file} could not be read as a transcript`
            : `${problem.file} was not attached`}
        </p>
        <p className={styles.problemText}>{problem.message}</p>
      </div>
      <button
        type="button"
        className={styles.dismiss}
        aria-label="Dismiss the error"
        onClick={() => setProblem(null)}
      >
        <X size={14} />
      </button>
    </div>
  );

  if (compact) {
    return (
      <div className={styles.compact}>
        {input}
        <Button
          size="sm"
          variant="ghost"
          icon={<FileUp />}
          busy={busy !== null}
          shortcut={keyLabel(CALL_PAGE_COMMANDS.attach.keys)}
          onClick={() => inputRef.current?.click()}
        >
          Replace transcript
        </Button>
        {problemPanel && <div className={styles.compactProblem}>{problemPanel}</div>}
      </div>
    );
  }

  return (
    <div className={styles.wrap}>
      <div
        className={styles.zone}
        data-over={over || undefined}
        aria-busy={busy !== null || undefined}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span className={styles.zoneIcon}>
          <FileAudio size={22} aria-hidden />
        </span>
        <h3 className={styles.zoneTitle}>
          {busy ? `Reading and scoring ${busy}…` : 'No transcript yet'}
        </h3>
        <p className={styles.zoneText}>
          Drop the transcript of this call here, or choose the file. Deepgram, AssemblyAI and AWS
          Transcribe JSON, WebVTT (Teams, Zoom), SRT and plain “Name: words” text are recognised;
          the call is scored on this laptop as soon as it is attached.
        </p>
        {input}
        <label htmlFor={inputId} className={styles.choose} data-busy={busy !== null || undefined}>
          <FileUp size={15} aria-hidden />
          {ATTACH_LABEL}
          <kbd aria-hidden>{keyLabel(CALL_PAGE_COMMANDS.attach.keys)}</kbd>
        </label>
      </div>
      {problemPanel}
    </div>
  );
}
