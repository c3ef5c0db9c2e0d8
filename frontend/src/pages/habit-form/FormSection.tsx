import LightbulbOutlined from '@mui/icons-material/LightbulbOutlined';
import { Box, Card, CardContent, Grid, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** One part of the habit form, with the book's rule for it beside the fields. */
export function FormSection({ title, tip, children }: { title: string; tip: ReactNode; children: ReactNode }) {
  return (
    <Card component="section" aria-label={title}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          {title}
        </Typography>
        <Grid container spacing={3}>
          <Grid size={{ xs: 12, md: 7 }}>{children}</Grid>
          <Grid size={{ xs: 12, md: 5 }}>
            <Box sx={{ display: 'flex', gap: 1.5, p: 2, borderRadius: 2, bgcolor: 'background.subtle', color: 'text.secondary', fontSize: 14, lineHeight: 1.55 }}>
              <LightbulbOutlined fontSize="small" sx={{ color: 'secondary.main', mt: 0.25 }} />
              <Box>{tip}</Box>
            </Box>
          </Grid>
        </Grid>
      </CardContent>
    </Card>
  );
}
