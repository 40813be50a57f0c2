/** Cursor colours, distinguishable on light and dark editor themes; assigned round-robin per room. */
export const PARTICIPANT_COLORS = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#42d4f4',
  '#f032e6',
  '#9a6324',
  '#469990',
  '#808000',
] as const;

/** The colour of the n-th user to arrive in a room. */
export const colorFor = (index: number): string => PARTICIPANT_COLORS[index % PARTICIPANT_COLORS.length]!;
