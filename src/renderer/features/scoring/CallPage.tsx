import {
  ArrowLeft,
  Bot,
  CircleAlert,
  Clock,
  Cpu,
  FileText,
  Handshake,
  Lightbulb,
  Lock,
  PhoneIncoming,
  PhoneOutgoing,
  RefreshCw,
  TriangleAlert,
  UserRound,
} from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { CallDetail } from '../../../shared/contract/scoring';
import type { CallDisposition } from '../../../shared/domain/followUpRules';
import { FORMAT_LABELS } from '../../../shared/transcripts/errors';
import { api, useApiQuery, useAppInfo } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { useToast } from '../../components/Toast';
import { formatDateTime, formatRelative } from '../../lib/format';
import { callDuration, DISPOSITION_LABELS, DISPOSITION_TONES } from '../calls/callText';
import { AttachTranscript } from './AttachTranscript';
import { CALL_PAGE_COMMANDS } from './commands';
import { DimensionRow, type Evidence } from './DimensionRow';
import { ScoreGauge } from './ScoreGauge';
import {
  errorSentence,
  repFoundText,
  scorerSentence,
  scoreTone,
  segmentAt,
  TONE_WORDS,
} from './scoreText';
import { TranscriptLanes, type TranscriptFocus } from './TranscriptLanes';
import { useBands, useLowScores, useSetCallDetail } from './useScoring';
import styles from './CallPage.module.css';

/** `#/calls/:callId`: one call, its score and why, and its transcript. */
export function CallPage() {
  const { callId = '' } = useParams();
  const call = useApiQuery('calls.get', { id: callId });
  const navigate = useNavigate();
  const onBack = () => (history.length > 1 ? navigate(-1) : navigate('/dashboard'));

  if (call.isError && !call.data) {
    return (
      <div className={styles.page}>
        <BackButton onBack={onBack} />
        <EmptyState tone="danger" icon={<CircleAlert />} title="This call cannot be opened">
          {errorSentence(call.error)}
          <div className={styles.retry}>
            <Button size="sm" icon={<RefreshCw />} onClick={() => void call.refetch()}>
              Try again
            </Button>
          </div>
        </EmptyState>
      </div>
    );
  }
  if (!call.data || call.data.id !== callId) {
    return (
      <div className={styles.page} aria-busy aria-label="Loading the call">
        <Skeleton height={28} width="40%" />
        <Skeleton height={16} width="60%" />
        <div className={styles.layout}>
          <Skeleton height={420} />
          <Skeleton height={420} />
        </div>
      </div>
    );
  }
  return <CallView key={call.data.id} call={call.data} onBack={onBack} />;
}

function BackButton({ onBack }: { onBack: () => void }) {
  return (
    <button type="button" className={styles.back} onClick={onBack}>
      <ArrowLeft size={15} aria-hidden /> Back
    </button>
  );
}

function OutcomeBadge({ disposition }: { disposition: CallDisposition | null }) {
  if (!disposition) return <span className={styles.badge}>No outcome</span>;
  return (
    <span className={styles.badge} data-tone={DISPOSITION_TONES[disposition]}>
      {DISPOSITION_LABELS[disposition]}
    </span>
  );
}

/**
 * The call's rep, managers and admins attach, correct and rescore its transcript; others read it
 * (the core refuses them too: this only spares them a button that cannot work).
 */
function useCanChange(call: CallDetail): boolean {
  const user = useAppInfo().data?.currentUser;
  if (!user) return true;
  return (
    user.role === 'manager' ||
    user.role === 'admin' ||
    call.repId === null ||
    call.repId === user.id
  );
}

function ReadOnlyNote({ call, what }: { call: CallDetail; what: string }) {
  return (
    <p className={styles.readOnly} role="note">
      <Lock size={14} aria-hidden />
      Only {call.repName ?? 'the call’s rep'}, managers and admins {what}.
    </p>
  );
}

function CallView({ call, onBack }: { call: CallDetail; onBack: () => void }) {
  const canChange = useCanChange(call);
  const [focus, setFocus] = useState<(TranscriptFocus & { evidence: Evidence }) | null>(null);
  const setDetail = useSetCallDetail();
  const transcript = call.transcript;
  const title = call.contactName
    ? `Call with ${call.contactName}`
    : call.dealTitle
      ? `Call about ${call.dealTitle}`
      : 'Call';
  const duration = callDuration(call);

  // Every moment the score points at, in call order: J and K walk through them.
  const moments = useMemo(() => {
    const all = (call.score?.dimensions ?? [])
      .filter((d) => d.weight > 0)
      .flatMap((d) => d.evidence.slice(0, 8));
    return all.sort((a, b) => a.start - b.start);
  }, [call.score]);

  const jump = (evidence: Evidence) => {
    if (!transcript) return;
    const index = segmentAt(transcript.segments, evidence.start, evidence.speaker);
    setFocus((current) => ({
      index,
      quote: evidence.quote,
      key: (current?.key ?? 0) + 1,
      evidence,
    }));
  };
  const step = (direction: 1 | -1) => {
    if (moments.length === 0) return;
    const at = focus ? moments.indexOf(focus.evidence) : -1;
    const next =
      at === -1
        ? direction === 1
          ? 0
          : moments.length - 1
        : (at + direction + moments.length) % moments.length;
    jump(moments[next]!);
  };
  useShortcut(CALL_PAGE_COMMANDS.nextEvidence, () => step(1), { enabled: moments.length > 0 });
  useShortcut(CALL_PAGE_COMMANDS.previousEvidence, () => step(-1), {
    enabled: moments.length > 0,
  });

  return (
    <div className={styles.page}>
      <BackButton onBack={onBack} />
      <header className={styles.header}>
        <div className={styles.headline}>
          <h1>{title}</h1>
          <div className={styles.facts}>
            {call.dealId && call.dealTitle && (
              <Link className={styles.fact} to={`/deals/${call.dealId}`}>
                <Handshake size={14} aria-hidden />
                {call.dealTitle}
              </Link>
            )}
            {call.contactId && call.contactName && (
              <Link className={styles.fact} to={`/contacts/${call.contactId}`}>
                <UserRound size={14} aria-hidden />
                {call.contactName}
              </Link>
            )}
            <span className={styles.fact}>
              {call.repName ? <Avatar name={call.repName} size={18} /> : null}
              {call.repName ?? 'No rep'}
            </span>
            <span className={styles.fact}>
              {call.direction === 'inbound' ? (
                <PhoneIncoming size={14} aria-label="Inbound" />
              ) : (
                <PhoneOutgoing size={14} aria-label="Outbound" />
              )}
              <time
                dateTime={new Date(call.startedAt).toISOString()}
                title={formatRelative(call.startedAt)}
              >
                {formatDateTime(call.startedAt)}
              </time>
            </span>
            <span className={styles.fact} title="Duration">
              <Clock size={14} aria-hidden />
              {duration ?? 'In progress'}
            </span>
            <OutcomeBadge disposition={call.disposition} />
          </div>
        </div>
      </header>

      {!transcript ? (
        <NoTranscript call={call} onAttached={setDetail} canChange={canChange} />
      ) : (
        <div className={styles.layout}>
          <div className={styles.scoreColumn}>
            <ScoreCard call={call} onChanged={setDetail} canChange={canChange} />
            {call.score && call.score.tips.length > 0 && <TipsCard tips={call.score.tips} />}
            {call.score && (
              <DimensionsCard
                score={call.score}
                onEvidence={jump}
                activeEvidence={focus?.evidence ?? null}
              />
            )}
          </div>
          <section className={styles.transcriptCard} aria-label="Transcript of the call">
            <div className={styles.transcriptHead}>
              <div>
                <h2 className={styles.cardTitle}>
                  <FileText size={15} aria-hidden /> Transcript
                </h2>
                <p className={styles.cardMeta}>
                  {FORMAT_LABELS[transcript.format]} · {transcript.segments.length} turns ·{' '}
                  {transcript.speakers.length} speakers
                  {!transcript.timed && ' · times estimated (the file had none)'}
                </p>
              </div>
              {canChange && <AttachTranscript callId={call.id} onAttached={setDetail} compact />}
            </div>
            {transcript.segments.length === 0 ? (
              <p className={styles.quiet}>The transcript has no words in it.</p>
            ) : (
              <TranscriptLanes transcript={transcript} focus={focus} />
            )}
          </section>
        </div>
      )}
    </div>
  );
}

function NoTranscript({
  call,
  onAttached,
  canChange,
}: {
  call: CallDetail;
  onAttached: (detail: CallDetail) => void;
  canChange: boolean;
}) {
  return (
    <div className={styles.noTranscript}>
      <section className={styles.card} aria-label="Transcript">
        {canChange ? (
          <AttachTranscript callId={call.id} onAttached={onAttached} />
        ) : (
          <EmptyState icon={<FileText />} title="No transcript yet">
            Once a transcript is attached, the call is scored and its score shows here.
            <ReadOnlyNote call={call} what="attach one" />
          </EmptyState>
        )}
      </section>
      {(call.notes || call.nextStep) && (
        <section className={styles.card} aria-label="Notes of the call">
          <h2 className={styles.cardTitle}>Notes</h2>
          {call.notes && <p className={styles.notes}>{call.notes}</p>}
          {call.nextStep && (
            <p className={styles.next}>
              <span>Next:</span> {call.nextStep}
            </p>
          )}
        </section>
      )}
    </div>
  );
}

function ScoreCard({
  call,
  onChanged,
  canChange,
}: {
  call: CallDetail;
  onChanged: (detail: CallDetail) => void;
  canChange: boolean;
}) {
  const toast = useToast();
  const low = useLowScores();
  const repSelectId = useId();
  const [rescoring, setRescoring] = useState(false);
  const [choosingRep, setChoosingRep] = useState(false);
  const score = call.score;
  const transcript = call.transcript!;
  const found = repFoundText(call.repFoundBy, transcript.repSpeaker);
  // Who cannot correct it is told what it is, not asked to check it.
  const rep = canChange
    ? found
    : { check: false, text: found.text.replace(/ Check it, and correct it if it is wrong\.$/, '') };
  const tone = scoreTone(score?.overall ?? null, low.threshold);

  const rescore = async () => {
    if (rescoring) return;
    setRescoring(true);
    try {
      const detail = await api.calls.rescore({ id: call.id });
      onChanged(detail);
      toast.success(
        detail.score?.overall != null
          ? `Scored again: ${Math.round(detail.score.overall)}`
          : 'Scored again',
      );
    } catch (error) {
      toast.error(`Not scored: ${errorSentence(error)}`);
    } finally {
      setRescoring(false);
    }
  };
  useShortcut(CALL_PAGE_COMMANDS.rescore, () => void rescore(), { enabled: canChange });

  const setRep = async (speaker: string) => {
    if (!speaker || speaker === transcript.repSpeaker) return;
    setChoosingRep(true);
    try {
      const detail = await api.transcripts.setRep({ callId: call.id, speaker });
      onChanged(detail);
      toast.success(`${speaker} is the rep now; the call was scored again`);
    } catch (error) {
      toast.error(`The rep was not changed: ${errorSentence(error)}`);
    } finally {
      setChoosingRep(false);
    }
  };

  return (
    <section className={styles.card} aria-label="Score">
      <div className={styles.scoreHead}>
        <ScoreGauge score={score?.overall ?? null} lowThreshold={low.threshold} />
        <div className={styles.scoreSummary}>
          <h2 className={styles.scoreTitle}>
            {score ? (
              <>
                Overall score <span className={styles.toneWord}>{TONE_WORDS[tone]}</span>
              </>
            ) : (
              'Not scored yet'
            )}
          </h2>
          {score && (
            <p
              className={styles.scorer}
              data-fallback={score.fallbackReason ? true : undefined}
              data-testid="scorer"
            >
              {score.fallbackReason ? (
                <TriangleAlert size={14} aria-hidden />
              ) : score.scorer.kind === 'local' ? (
                <Cpu size={14} aria-hidden />
              ) : (
                <Bot size={14} aria-hidden />
              )}
              {scorerSentence(score)}
            </p>
          )}
          {score && (
            <p className={styles.scoreMeta}>
              {call.scoredAt !== null && <>Scored {formatRelative(call.scoredAt)} · </>}
              config v{score.configVersion}
              {score.overall !== null && score.overall < low.threshold && (
                <span className={styles.lowFlag}>
                  {' '}
                  · under the team’s low mark of {low.threshold}
                </span>
              )}
            </p>
          )}
          <div className={styles.scoreActions}>
            {canChange ? (
              <Button
                size="sm"
                icon={<RefreshCw />}
                busy={rescoring}
                shortcut={keyLabel(CALL_PAGE_COMMANDS.rescore.keys)}
                onClick={() => void rescore()}
              >
                Rescore
              </Button>
            ) : (
              <ReadOnlyNote call={call} what="rescore it or change its rep" />
            )}
          </div>
        </div>
      </div>
      <div className={styles.repPicker} data-check={rep.check || undefined}>
        <label htmlFor={repSelectId} className={styles.repLabel}>
          Who is the rep?
        </label>
        <select
          id={repSelectId}
          className={styles.select}
          value={transcript.repSpeaker ?? ''}
          disabled={!canChange || choosingRep || transcript.speakers.length === 0}
          aria-describedby={`${repSelectId}-hint`}
          onChange={(event) => void setRep(event.target.value)}
        >
          {transcript.repSpeaker === null && <option value="">Choose the rep…</option>}
          {transcript.speakers.map((speaker) => (
            <option key={speaker} value={speaker}>
              {speaker}
            </option>
          ))}
        </select>
        <p id={`${repSelectId}-hint`} className={styles.repHint}>
          {rep.check && <TriangleAlert size={13} aria-hidden />}
          {rep.text}
        </p>
      </div>
    </section>
  );
}

function TipsCard({ tips }: { tips: string[] }) {
  return (
    <section className={styles.card} aria-labelledby="coaching-tips">
      <h2 id="coaching-tips" className={styles.cardTitle}>
        <Lightbulb size={15} aria-hidden /> Coaching tips
      </h2>
      <ol className={styles.tips}>
        {tips.map((tip, index) => (
          <li key={index}>
            <span className={styles.tipNumber} aria-hidden>
              {index + 1}
            </span>
            {tip}
          </li>
        ))}
      </ol>
    </section>
  );
}

function DimensionsCard({
  score,
  onEvidence,
  activeEvidence,
}: {
  score: NonNullable<CallDetail['score']>;
  onEvidence: (evidence: Evidence) => void;
  activeEvidence: Evidence | null;
}) {
  const bands = useBands();
  const counted = score.dimensions.filter((d) => d.weight > 0);
  const informational = score.dimensions.filter((d) => d.weight <= 0);
  // A remote model scores some dimensions and the local rules the rest: each row says whose it is.
  const mixed = score.dimensions.some((d) => d.source === 'remote');
  const render = (d: (typeof score.dimensions)[number]) => (
    <DimensionRow
      key={d.id}
      dimension={d}
      band={bands[d.id]}
      onEvidence={onEvidence}
      activeEvidence={activeEvidence}
      scorerName={mixed ? (d.source === 'remote' ? score.scorer.name : 'local rules') : undefined}
    />
  );
  return (
    <section className={styles.card} aria-labelledby="dimensions">
      <div className={styles.dimensionsHead}>
        <h2 id="dimensions" className={styles.cardTitle}>
          What the score is made of
        </h2>
        <span className={styles.cardMeta}>
          {scorerSentence(score).replace(/^Scored on this laptop by/, 'By')} · click a quote to see
          it in the transcript ({keyLabel(CALL_PAGE_COMMANDS.nextEvidence.keys)} /{' '}
          {keyLabel(CALL_PAGE_COMMANDS.previousEvidence.keys)})
        </span>
      </div>
      <ol className={styles.dimensions} aria-label="Dimensions that count">
        {counted.map(render)}
      </ol>
      {informational.length > 0 && (
        <details className={styles.more}>
          <summary>Also measured, not counted in the score ({informational.length})</summary>
          <ol className={styles.dimensions} aria-label="Dimensions measured but not counted">
            {informational.map(render)}
          </ol>
        </details>
      )}
    </section>
  );
}
