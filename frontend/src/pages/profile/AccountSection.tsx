import { Alert, Autocomplete, Button, Stack, TextField } from '@mui/material';
import { useMemo, useState, type FormEvent } from 'react';
import { authApi, type User } from '../../api';
import { maxLengthsOf } from '../../api/limits';
import { useSubmit } from '../../hooks/useSubmit';
import { browserTimezone, useAuth } from '../../store/auth';
import { toast } from '../../store/toast';
import { timezones } from '../../utils/time';
import { SettingsCard } from './SettingsCard';

const FIELDS = ['name', 'display_name', 'timezone'] as const;

export function AccountSection({ user }: { user: User }) {
  const setUser = useAuth((s) => s.setUser);
  const [name, setName] = useState(user.name);
  const [displayName, setDisplayName] = useState(user.display_name);
  const [timezone, setTimezone] = useState(user.timezone);
  const zones = useMemo(() => {
    const all = timezones();
    return all.includes(user.timezone) ? all : [user.timezone, ...all];
  }, [user.timezone]);
  const { errors, general, busy, run } = useSubmit(FIELDS);
  const detected = browserTimezone();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const moved = timezone !== user.timezone;
    const ok = await run(async () => setUser(await authApi.updateMe({ name: name.trim(), display_name: displayName.trim(), timezone })));
    // The server moves the open habits of today and tomorrow to the new clock at once (docs/habits.md).
    if (ok) toast(moved ? `Profile saved. Your habits now follow ${timezone} time, from today.` : 'Profile saved.');
  };

  return (
    <SettingsCard title="Profile" description={`Signed in as ${user.email}. “Today” and every time you see follow your timezone.`}>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate>
        {general && <Alert severity="error">{general}</Alert>}
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={!!errors.name} helperText={errors.name} autoComplete="name" slotProps={{ htmlInput: { maxLength: maxLengthsOf('PatchedProfileInputRequest').name } }} />
        <TextField
          label="Display name (public)"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={!!errors.display_name}
          helperText={errors.display_name ?? 'Shown with the habits you share in Explore. Leave it empty to share without a name; your name and email are never shown.'}
          autoComplete="nickname"
          slotProps={{ htmlInput: { maxLength: maxLengthsOf('PatchedProfileInputRequest').display_name } }}
        />
        <Autocomplete
          options={zones}
          value={timezone}
          disableClearable
          onChange={(_, zone) => setTimezone(zone)}
          renderInput={(params) => (
            <TextField
              {...params}
              label="Timezone"
              error={!!errors.timezone}
              helperText={errors.timezone ?? (detected !== timezone ? `This browser is in ${detected}.` : 'Matches this browser.')}
            />
          )}
        />
        {detected !== timezone && (
          <Button size="small" onClick={() => setTimezone(detected)} sx={{ alignSelf: 'flex-start' }}>
            Use {detected}
          </Button>
        )}
        <Button type="submit" variant="contained" disabled={busy} sx={{ alignSelf: 'flex-start' }}>
          Save profile
        </Button>
      </Stack>
    </SettingsCard>
  );
}
