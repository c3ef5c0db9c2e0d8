/** The five moods as faces, words and colours (the year in pixels colours a day by its mean). */
export const MOODS = [
  { value: 1, face: '😞', label: 'Awful', color: '#d1495b' },
  { value: 2, face: '🙁', label: 'Bad', color: '#ed8a3f' },
  { value: 3, face: '😐', label: 'Okay', color: '#e9c46a' },
  { value: 4, face: '🙂', label: 'Good', color: '#8ab17d' },
  { value: 5, face: '😄', label: 'Great', color: '#2a9d8f' },
] as const;

export function moodOf(value: number) {
  return MOODS[Math.min(Math.max(Math.round(value), 1), 5) - 1];
}
