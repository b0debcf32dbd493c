import { useDraggable } from '@dnd-kit/core';
import { Flame } from 'lucide-react';
import { memo, type KeyboardEvent } from 'react';
import type { DealCard } from '../../../shared/domain';
import { DAY_MS, followUpState, type FollowUpState } from '../../../shared/domain/rules';
import { formatMoney } from '../../../shared/money';
import { Avatar } from '../../components/Avatar';
import { formatDateTime } from '../../lib/format';
import styles from './Board.module.css';

const FOLLOW_UP_LABEL: Record<FollowUpState, string> = {
  overdue: 'Follow-up overdue',
  today: 'Follow-up today',
  upcoming: 'Follow-up planned',
  none: 'No follow-up planned',
};

interface DealCardViewProps {
  card: DealCard;
  index: number;
  now: number;
  endOfToday: number;
  onOpen?: (card: DealCard) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLElement>, card: DealCard, index: number) => void;
  /** The floating copy under the pointer while dragging. */
  overlay?: boolean;
}

function CardBody({
  card,
  now,
  endOfToday,
}: Pick<DealCardViewProps, 'card' | 'now' | 'endOfToday'>) {
  const followUp = followUpState(card.followUpAt, now, endOfToday);
  const idleDays = Math.floor((now - card.lastActivityAt) / DAY_MS);
  return (
    <>
      <div className={styles.cardTop}>
        <span className={styles.cardTitle}>{card.title}</span>
        {card.rotting && (
          <span className={styles.rotting} title={`No activity for ${idleDays} days`}>
            <Flame size={11} aria-hidden />
            {idleDays}d
          </span>
        )}
      </div>
      <div className={styles.cardAccount}>{card.accountName ?? 'No account'}</div>
      <div className={styles.cardBottom}>
        <span className={styles.cardValue}>{formatMoney(card.valueMinor, card.currency)}</span>
        <span
          className={styles.followUp}
          data-state={followUp}
          title={
            card.followUpAt
              ? `${FOLLOW_UP_LABEL[followUp]}: ${formatDateTime(card.followUpAt)}`
              : FOLLOW_UP_LABEL[followUp]
          }
          aria-label={FOLLOW_UP_LABEL[followUp]}
          role="img"
        />
        <span className={styles.cardOwner} title={card.ownerName ?? 'Unassigned'}>
          {card.ownerName ? (
            <Avatar name={card.ownerName} size={22} />
          ) : (
            <span className={styles.unassigned}>—</span>
          )}
        </span>
      </div>
    </>
  );
}

/** A deal on the board: drag it with the pointer, or move it with the keyboard when focused. */
export const DealCardView = memo(function DealCardView({
  card,
  index,
  now,
  endOfToday,
  onOpen,
  onKeyDown,
  overlay,
}: DealCardViewProps) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled: overlay,
  });
  if (overlay) {
    return (
      <div className={`${styles.card} ${styles.overlay}`}>
        <CardBody card={card} now={now} endOfToday={endOfToday} />
      </div>
    );
  }
  const label = [
    card.title,
    card.accountName,
    formatMoney(card.valueMinor, card.currency),
    card.ownerName ?? 'unassigned',
    card.rotting ? 'rotting' : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      role="button"
      aria-roledescription="deal card"
      aria-label={label}
      aria-describedby="board-keyboard-help"
      data-card-id={card.id}
      data-index={index}
      className={styles.card}
      data-dragging={isDragging || undefined}
      onClick={() => onOpen?.(card)}
      onKeyDown={(event) => {
        listeners?.onKeyDown?.(event);
        onKeyDown?.(event, card, index);
      }}
    >
      <CardBody card={card} now={now} endOfToday={endOfToday} />
    </div>
  );
});
