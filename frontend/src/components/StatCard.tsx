import { Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A card headed by a small overline label: one figure or fact of a dashboard. */
export function StatCard({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="overline" color="text.secondary" component="h2">
          {label}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}
