import { Tab, Tabs } from '@mui/material';
import { Link as RouterLink, useLocation } from 'react-router-dom';

/** Explore holds the shared habits and the community feed (one bottom-navigation entry, so the
 *  bar keeps its five items on a phone). */
export function ExploreTabs() {
  const { pathname } = useLocation();
  return (
    <Tabs value={pathname.startsWith('/explore/community') ? 'community' : 'habits'} sx={{ mb: 2 }} aria-label="Explore">
      <Tab value="habits" label="Shared habits" component={RouterLink} to="/explore" />
      <Tab value="community" label="Community" component={RouterLink} to="/explore/community" />
    </Tabs>
  );
}
