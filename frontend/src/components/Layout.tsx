import AccountCircleOutlined from '@mui/icons-material/AccountCircleOutlined';
import EmojiEventsOutlined from '@mui/icons-material/EmojiEventsOutlined';
import InsightsOutlined from '@mui/icons-material/InsightsOutlined';
import FlagOutlined from '@mui/icons-material/FlagOutlined';
import MoodOutlined from '@mui/icons-material/MoodOutlined';
import ForumOutlined from '@mui/icons-material/ForumOutlined';
import ExploreOutlined from '@mui/icons-material/ExploreOutlined';
import ListAltOutlined from '@mui/icons-material/ListAltOutlined';
import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import NotificationsOutlined from '@mui/icons-material/NotificationsOutlined';
import SavingsOutlined from '@mui/icons-material/SavingsOutlined';
import TodayOutlined from '@mui/icons-material/TodayOutlined';
import {
  AppBar,
  Badge,
  Chip,
  BottomNavigation,
  BottomNavigationAction,
  Box,
  Container,
  Drawer,
  IconButton,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Paper,
  Toolbar,
  Tooltip,
  Typography,
  useMediaQuery,
} from '@mui/material';
import { alpha, useTheme } from '@mui/material/styles';
import { Suspense, useEffect, type ReactNode } from 'react';
import { Link as RouterLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../store/auth';
import { useNotifications } from '../store/notifications';
import { useWallet } from '../store/wallet';
import { Logo } from './Logo';
import { AchievementToast } from './AchievementToast';
import { Loading } from './PageState';
import { Toaster } from './Toaster';

const DRAWER_WIDTH = 240;
const UNREAD_POLL_MS = 60_000;

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  desktopOnly?: boolean;
}

const NAV: NavItem[] = [
  { to: '/', label: 'Today', icon: <TodayOutlined /> },
  { to: '/habits', label: 'Habits', icon: <ListAltOutlined /> },
  { to: '/goals', label: 'Goals', icon: <FlagOutlined /> },
  // Phones reach it from the face in the app bar, as the wallet and achievements.
  { to: '/journal', label: 'Journal', icon: <MoodOutlined />, desktopOnly: true },
  // Phones reach it from the coin balance in the app bar: six tabs do not fit 390 px.
  { to: '/wallet', label: 'Wallet', icon: <SavingsOutlined />, desktopOnly: true },
  // Phones reach it from the trophy in the app bar.
  { to: '/achievements', label: 'Achievements', icon: <EmojiEventsOutlined />, desktopOnly: true },
  // Phones reach it from the chart icon in the app bar.
  { to: '/reports', label: 'Reports', icon: <InsightsOutlined />, desktopOnly: true },
  { to: '/explore', label: 'Explore', icon: <ExploreOutlined /> },
  // Phones reach it from Explore's tabs (ExploreTabs), for the same reason.
  { to: '/community', label: 'Community', icon: <ForumOutlined />, desktopOnly: true },
  { to: '/profile', label: 'Profile', icon: <AccountCircleOutlined /> },
];

function currentSection(pathname: string): string {
  const match = NAV.filter((n) => n.to !== '/' && pathname.startsWith(n.to));
  return match[0]?.to ?? (pathname === '/' ? '/' : '');
}

/** The coin balance, in the app bar on every page; a link to the wallet. */
function CoinBalance() {
  const { balance, refresh } = useWallet();
  const { pathname } = useLocation();
  useEffect(() => {
    void refresh();
  }, [refresh, pathname]);
  if (balance === null) return null;
  return (
    <Tooltip title="Wallet and rewards">
      <Chip
        component={RouterLink}
        to="/wallet"
        clickable
        icon={<SavingsOutlined />}
        label={balance}
        aria-label={`Wallet: ${balance} coins`}
        data-testid="coin-balance"
        variant="outlined"
        size="small"
        sx={{ fontWeight: 700 }}
      />
    </Tooltip>
  );
}

function NotificationBell() {
  const { available, unread, refresh } = useNotifications();
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => {
      // A server without notifications stays without them until the app is reloaded.
      if (useNotifications.getState().available) void refresh();
    }, UNREAD_POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);
  if (!available) return null;
  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <Tooltip title="Notifications">
      <IconButton component={RouterLink} to="/notifications" aria-label={label} color="inherit">
        <Badge badgeContent={unread} color="secondary" max={99}>
          <NotificationsOutlined />
        </Badge>
      </IconButton>
    </Tooltip>
  );
}

export function Layout() {
  const theme = useTheme();
  const desktop = useMediaQuery(theme.breakpoints.up('md'));
  // Below 420 px the name beside the logo would wrap onto two lines next to the balance and the
  // four buttons: the mark alone stands for it (the link keeps its name for screen readers).
  const narrow = useMediaQuery('(max-width: 419.95px)');
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const user = useAuth((s) => s.user);
  const signOut = useAuth((s) => s.signOut);
  const reloadUser = useAuth((s) => s.reloadUser);
  const section = currentSection(pathname);

  // The stored profile may be stale (renamed or moved timezone on another device).
  useEffect(() => {
    reloadUser().catch(() => undefined);
  }, [reloadUser]);

  const handleSignOut = async () => {
    await signOut();
    navigate('/signin');
  };

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppBar position="fixed" elevation={0} sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 1 }}>
          <Box component={RouterLink} to="/" sx={{ color: 'inherit', textDecoration: 'none', flexGrow: 1 }} aria-label="Atomic Habits, Today">
            <Logo size={30} withName={!narrow} />
          </Box>
          {desktop && user && (
            <Typography color="text.secondary" sx={{ mr: 1 }} noWrap>
              {user.name || user.email}
            </Typography>
          )}
          <CoinBalance />
          {!desktop && (
            <Tooltip title="Journal">
              <IconButton component={RouterLink} to="/journal" aria-label="Journal" color="inherit">
                <MoodOutlined />
              </IconButton>
            </Tooltip>
          )}
          {!desktop && (
            <Tooltip title="Achievements">
              <IconButton component={RouterLink} to="/achievements" aria-label="Achievements" color="inherit">
                <EmojiEventsOutlined />
              </IconButton>
            </Tooltip>
          )}
          {!desktop && (
            <Tooltip title="Reports">
              <IconButton component={RouterLink} to="/reports" aria-label="Reports" color="inherit">
                <InsightsOutlined />
              </IconButton>
            </Tooltip>
          )}
          <NotificationBell />
          <Tooltip title="Sign out">
            <IconButton onClick={handleSignOut} aria-label="Sign out" color="inherit">
              <LogoutOutlined />
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      {desktop && (
        <Drawer
          variant="permanent"
          sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, borderRight: 1, borderColor: 'divider', bgcolor: 'background.default' } }}
        >
          <Toolbar />
          <nav aria-label="Main">
            <List sx={{ px: 1.5, py: 2 }}>
              {NAV.map((item) => (
                <ListItemButton
                  key={item.to}
                  component={RouterLink}
                  to={item.to}
                  selected={section === item.to}
                  sx={{ borderRadius: 2, mb: 0.5, '&.Mui-selected': { bgcolor: (t) => alpha(t.palette.primary.main, 0.14), color: 'primary.main' } }}
                >
                  <ListItemIcon sx={{ minWidth: 40, color: 'inherit' }}>{item.icon}</ListItemIcon>
                  <ListItemText primary={item.label} slotProps={{ primary: { fontWeight: 600 } }} />
                </ListItemButton>
              ))}
            </List>
          </nav>
        </Drawer>
      )}
      <Box component="main" id="main" tabIndex={-1} sx={{ flexGrow: 1, minWidth: 0, outline: 'none' }}>
        <Toolbar />
        <Container maxWidth="lg" sx={{ py: { xs: 2.5, md: 4 }, pb: { xs: 12, md: 6 }, px: { xs: 2, sm: 3 } }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Container>
      </Box>
      {!desktop && (
        <Paper component="nav" aria-label="Main" elevation={8} sx={{ position: 'fixed', bottom: 0, left: 0, right: 0, zIndex: (t) => t.zIndex.appBar }}>
          <BottomNavigation showLabels value={section === '/community' ? '/explore' : section} onChange={(_, to: string) => navigate(to)}>
            {NAV.filter((item) => !item.desktopOnly).map((item) => (
              <BottomNavigationAction key={item.to} value={item.to} label={item.label} icon={item.icon} />
            ))}
          </BottomNavigation>
        </Paper>
      )}
      <Toaster />
      <AchievementToast />
    </Box>
  );
}
