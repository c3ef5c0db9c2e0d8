import SentimentDissatisfied from '@mui/icons-material/SentimentDissatisfied';
import SentimentNeutral from '@mui/icons-material/SentimentNeutral';
import SentimentSatisfied from '@mui/icons-material/SentimentSatisfied';
import SentimentVeryDissatisfied from '@mui/icons-material/SentimentVeryDissatisfied';
import SentimentVerySatisfied from '@mui/icons-material/SentimentVerySatisfied';

/** The five moods as faces (icons: emoji faces are missing from some systems' fonts), words and
 * colours (the year in pixels colours a day by its mean). */
export const MOODS = [
  { value: 1, Face: SentimentVeryDissatisfied, label: 'Awful', color: '#d1495b' },
  { value: 2, Face: SentimentDissatisfied, label: 'Bad', color: '#ed8a3f' },
  { value: 3, Face: SentimentNeutral, label: 'Okay', color: '#e9c46a' },
  { value: 4, Face: SentimentSatisfied, label: 'Good', color: '#8ab17d' },
  { value: 5, Face: SentimentVerySatisfied, label: 'Great', color: '#2a9d8f' },
] as const;

export function moodOf(value: number) {
  return MOODS[Math.min(Math.max(Math.round(value), 1), 5) - 1];
}
