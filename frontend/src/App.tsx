import { lazy, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Layout } from './components/Layout';
import { ForgotPasswordPage } from './pages/auth/ForgotPasswordPage';
import { ResetPasswordPage } from './pages/auth/ResetPasswordPage';
import { SignInPage } from './pages/auth/SignInPage';
import { SignUpPage } from './pages/auth/SignUpPage';
import { HabitsPage } from './pages/HabitsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { TodayPage } from './pages/today/TodayPage';
import { useAuth } from './store/auth';

// Pages past the first screen load on demand; the charts library comes only with a habit's page.
const HabitDetailPage = lazy(() => import('./pages/habit-detail/HabitDetailPage').then((m) => ({ default: m.HabitDetailPage })));
const HabitEditPage = lazy(() => import('./pages/habit-form/HabitEditPage').then((m) => ({ default: m.HabitEditPage })));
const GoalsPage = lazy(() => import('./pages/goals/GoalsPage').then((m) => ({ default: m.GoalsPage })));
const AchievementsPage = lazy(() => import('./pages/achievements/AchievementsPage').then((m) => ({ default: m.AchievementsPage })));
const WalletPage = lazy(() => import('./pages/wallet/WalletPage').then((m) => ({ default: m.WalletPage })));
const GoalDetailPage = lazy(() => import('./pages/goals/GoalDetailPage').then((m) => ({ default: m.GoalDetailPage })));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })));
const ProfilePage = lazy(() => import('./pages/profile/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const CommunityPage = lazy(() => import('./pages/community/CommunityPage').then((m) => ({ default: m.CommunityPage })));
const PublicHabitPostsPage = lazy(() => import('./pages/community/PublicHabitPostsPage').then((m) => ({ default: m.PublicHabitPostsPage })));
const JournalPage = lazy(() => import('./pages/journal/JournalPage').then((m) => ({ default: m.JournalPage })));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const PublicHabitsPage = lazy(() => import('./pages/PublicHabitsPage').then((m) => ({ default: m.PublicHabitsPage })));

function RequireAuth({ children }: { children: ReactNode }) {
  const signedIn = useAuth((s) => s.tokens !== null);
  const location = useLocation();
  if (!signedIn) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function GuestOnly({ children }: { children: ReactNode }) {
  const signedIn = useAuth((s) => s.tokens !== null);
  return signedIn ? <Navigate to="/" replace /> : children;
}

export function App() {
  return (
    <Routes>
      <Route path="/signin" element={<GuestOnly><SignInPage /></GuestOnly>} />
      <Route path="/signup" element={<GuestOnly><SignUpPage /></GuestOnly>} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route element={<RequireAuth><Layout /></RequireAuth>}>
        <Route index element={<TodayPage />} />
        <Route path="habits" element={<HabitsPage />} />
        <Route path="habits/new" element={<HabitEditPage />} />
        <Route path="habits/:id" element={<HabitDetailPage />} />
        <Route path="habits/:id/edit" element={<HabitEditPage />} />
        <Route path="goals" element={<GoalsPage />} />
        <Route path="goals/:id" element={<GoalDetailPage />} />
        <Route path="journal" element={<JournalPage />} />
        <Route path="wallet" element={<WalletPage />} />
        <Route path="achievements" element={<AchievementsPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="explore" element={<PublicHabitsPage />} />
        <Route path="community" element={<CommunityPage />} />
        <Route path="explore/habits/:id" element={<PublicHabitPostsPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
