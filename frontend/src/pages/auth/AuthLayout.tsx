import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Logo } from '../../components/Logo';
import { Toaster } from '../../components/Toaster';

const QUOTE = 'You do not rise to the level of your goals. You fall to the level of your systems.';

export function AuthLayout({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
      <Box
        sx={{
          display: { xs: 'none', md: 'flex' },
          flexDirection: 'column',
          justifyContent: 'space-between',
          p: 6,
          color: '#fff',
          background: 'linear-gradient(150deg, #2f6f5e 0%, #1f4d41 60%, #173a31 100%)',
        }}
      >
        <Logo size={36} />
        <Box>
          <Typography variant="h4" component="p" sx={{ fontWeight: 700, lineHeight: 1.3, maxWidth: 480 }}>
            “{QUOTE}”
          </Typography>
          <Typography sx={{ mt: 2, opacity: 0.8 }}>— James Clear, Atomic Habits</Typography>
        </Box>
        <Stack direction="row" spacing={3} sx={{ opacity: 0.85 }}>
          <Typography variant="body2">Make it obvious</Typography>
          <Typography variant="body2">Make it attractive</Typography>
          <Typography variant="body2">Make it easy</Typography>
          <Typography variant="body2">Make it satisfying</Typography>
        </Stack>
      </Box>
      <Box component="main" sx={{ display: 'flex', alignItems: 'center', justifyContent: 'center', p: { xs: 2, sm: 4 } }}>
        <Box sx={{ width: '100%', maxWidth: 440 }}>
          <Box sx={{ display: { xs: 'flex', md: 'none' }, justifyContent: 'center', mb: 3 }}>
            <Logo size={36} />
          </Box>
          <Card sx={{ borderRadius: '20px' }}>
            <CardContent sx={{ p: { xs: 3, sm: 4 } }}>
              <Typography variant="h5" component="h1" gutterBottom>
                {title}
              </Typography>
              {subtitle && (
                <Typography color="text.secondary" sx={{ mb: 3 }}>
                  {subtitle}
                </Typography>
              )}
              {children}
            </CardContent>
          </Card>
        </Box>
      </Box>
      <Toaster />
    </Box>
  );
}
