import { Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export function SettingsCard({ title, description, children, danger, id }: { title: string; description?: ReactNode; children: ReactNode; danger?: boolean; id?: string }) {
  return (
    <Card component="section" id={id} aria-label={title} sx={danger ? { borderColor: 'error.light' } : undefined}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography variant="h6" component="h2" color={danger ? 'error.main' : undefined}>
          {title}
        </Typography>
        {description && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, mb: 2 }}>
            {description}
          </Typography>
        )}
        {children}
      </CardContent>
    </Card>
  );
}
