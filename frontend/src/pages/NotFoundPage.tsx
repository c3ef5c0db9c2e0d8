import SearchOffOutlined from '@mui/icons-material/SearchOffOutlined';
import { Button } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { EmptyState } from '../components/PageState';

export function NotFoundPage() {
  return (
    <EmptyState
      icon={<SearchOffOutlined />}
      title="This page does not exist"
      action={
        <Button variant="contained" component={RouterLink} to="/">
          Back to today
        </Button>
      }
    >
      The link may be old, or the habit may have been deleted.
    </EmptyState>
  );
}
