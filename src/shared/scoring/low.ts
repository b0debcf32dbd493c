/**
 * A call scored under this is flagged for coaching: on the live dashboard's feed, in the per-rep
 * numbers and in the team's distribution. Half marks: most of the weighted dimensions missed
 * their benchmark band.
 */
export const LOW_SCORE = 50;
