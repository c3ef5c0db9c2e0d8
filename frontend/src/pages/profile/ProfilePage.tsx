import { Stack } from '@mui/material';
import { PageHeader } from '../../components/PageState';
import { useAuth } from '../../store/auth';
import { AccountSection } from './AccountSection';
import { ArchivesSection } from './ArchivesSection';
import { CalendarSection } from './CalendarSection';
import { CheckinsSection } from './CheckinsSection';
import { DataSection } from './DataSection';
import { NotificationSettingsSection } from './NotificationSettingsSection';
import { PasswordSection } from './PasswordSection';
import { PushSection } from './PushSection';
import { SessionsSection } from './SessionsSection';
import { TelegramSection } from './TelegramSection';
import { TransferSection } from './TransferSection';

export function ProfilePage() {
  const user = useAuth((s) => s.user);
  if (!user) return null;
  return (
    <>
      <PageHeader title="Profile and settings" />
      <Stack spacing={2.5} sx={{ maxWidth: 760 }}>
        <AccountSection user={user} />
        <TelegramSection timeZone={user.timezone} />
        <NotificationSettingsSection />
        <PushSection />
        <CalendarSection />
        <CheckinsSection />
        <PasswordSection />
        <SessionsSection />
        <TransferSection />
        <ArchivesSection />
        <DataSection />
      </Stack>
    </>
  );
}
