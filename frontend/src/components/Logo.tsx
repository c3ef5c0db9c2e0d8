import { Box, Typography } from '@mui/material';

export function Logo({ size = 32, withName = true }: { size?: number; withName?: boolean }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.25 }}>
      <Box component="img" src="/favicon.svg" alt="" sx={{ width: size, height: size }} />
      {withName && (
        <Typography variant="h6" component="span" sx={{ fontWeight: 750, letterSpacing: '-0.02em', lineHeight: 1.1 }}>
          Atomic Habits
        </Typography>
      )}
    </Box>
  );
}
