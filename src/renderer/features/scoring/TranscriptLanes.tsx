import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { CallDetail } from '../../../shared/contract/scoring';
import { Avatar } from '../../components/Avatar';
import { formatClock, quoteRange } from './scoreText';
import styles from './TranscriptLanes.module.css';

type Transcript = NonNullable<CallDetail['transcript']>;

/** A moment to show: the segment, the words to mark in it, and a key that changes per click. */
export interface TranscriptFocus {
  index: number;
  quote: string;
  key: number;
}

/**
 * The transcript in two lanes: the rep on the left, the customer (everyone else) on the right, each
 * turn with its time. Only the turns in view are in the page, so a two-hour call scrolls as
 * smoothly as a two-minute one; a focused moment is scrolled to and highlighted.
 */
export function TranscriptLanes({
  transcript,
  focus,
}: {
  transcript: Transcript;
  focus: TranscriptFocus | null;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const segments = transcript.segments;
  const virtualizer = useVirtualizer({
    count: segments.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 76,
    overscan: 8,
  });

  useEffect(() => {
    if (focus && focus.index >= 0 && focus.index < segments.length) {
      virtualizer.scrollToIndex(focus.index, { align: 'center' });
    }
  }, [focus, segments.length, virtualizer]);

  const repName = transcript.repSpeaker;
  const customers = transcript.speakers.filter((s) => s !== repName);

  return (
    <div className={styles.lanes}>
      <div className={styles.laneHeads} aria-hidden>
        <span className={styles.laneHead} data-role="rep">
          {repName ?? 'Rep unknown'} <em>rep</em>
        </span>
        <span className={styles.laneHead} data-role="customer">
          {customers.length === 0 ? 'No customer' : customers.join(', ')}
          <em>{customers.length > 1 ? 'customers' : 'customer'}</em>
        </span>
      </div>
      <div
        ref={scrollRef}
        className={styles.scroller}
        role="log"
        aria-label="Transcript"
        tabIndex={0}
        data-virtualised-count={segments.length}
      >
        <ol className={styles.list} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const segment = segments[item.index]!;
            const previous = item.index > 0 ? segments[item.index - 1] : undefined;
            const sameSpeaker = previous?.speaker === segment.speaker;
            const focused = focus?.index === item.index;
            const range = focused ? quoteRange(segment.text, focus.quote) : null;
            return (
              <li
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className={styles.turn}
                data-role={segment.role}
                data-continued={sameSpeaker || undefined}
                aria-current={focused || undefined}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <time className={styles.time} title={transcript.timed ? undefined : 'Estimated'}>
                  {transcript.timed ? '' : '~'}
                  {formatClock(segment.start)}
                </time>
                <div className={styles.bubbleWrap}>
                  {!sameSpeaker && (
                    <div className={styles.speaker}>
                      <Avatar name={segment.speaker} size={18} />
                      {segment.speaker}
                    </div>
                  )}
                  <p className={styles.bubble}>
                    {range ? (
                      <>
                        {segment.text.slice(0, range[0])}
                        <mark>{segment.text.slice(range[0], range[1])}</mark>
                        {segment.text.slice(range[1])}
                      </>
                    ) : (
                      segment.text
                    )}
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
