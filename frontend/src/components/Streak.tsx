import LocalFireDepartment from '@mui/icons-material/LocalFireDepartment';
import { Box, Typography } from '@mui/material';

export function Streak({ days, label = 'streak' }: { days: number; label?: string }) {
  const hot = days > 0;
  return (
    <Box
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25, color: hot ? 'secondary.main' : 'text.disabled' }}
      aria-label={`${label}: ${days}`}
      title={`Current ${label}`}
    >
      <LocalFireDepartment fontSize="small" />
      <Typography component="span" variant="body2" sx={{ fontWeight: 700, color: hot ? 'secondary.dark' : 'text.secondary' }}>
        {days}
      </Typography>
    </Box>
  );
}
