import { Tab, Tabs } from '@mui/material';
import { Link as RouterLink, useLocation } from 'react-router-dom';

/** The shared habits and the community feed side by side: on a phone the bottom navigation's
 *  Explore entry leads to both (the bar keeps its five items); on a desktop each has its own. */
export function ExploreTabs() {
  const { pathname } = useLocation();
  return (
    <Tabs value={pathname.startsWith('/community') ? 'community' : 'habits'} sx={{ mb: 2 }} aria-label="Explore">
      <Tab value="habits" label="Shared habits" component={RouterLink} to="/explore" />
      <Tab value="community" label="Community" component={RouterLink} to="/community" />
    </Tabs>
  );
}
