import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import EditOutlined from '@mui/icons-material/EditOutlined';
import RedeemOutlined from '@mui/icons-material/RedeemOutlined';
import SavingsOutlined from '@mui/icons-material/SavingsOutlined';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  List,
  ListItem,
  ListItemText,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { toApiError, walletApi, type CoinEntry, type Reward } from '../../api';
import { EmptyState, ErrorState, Loading } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { toast } from '../../store/toast';
import { useWallet } from '../../store/wallet';
import { coinsShort, entryText, signedCoins } from '../../utils/coins';
import { RewardFormDialog } from './RewardFormDialog';

const LEDGER_PAGE = 20;

/** The coin balance, the user's rewards (create, edit, delete, redeem) and the ledger. */
export function WalletPage() {
  const rewards = useLoad(() => walletApi.rewards(), []);
  const [pages, setPages] = useState(1);
  const ledger = useLoad(() => walletApi.get(1, LEDGER_PAGE * pages), [pages]);
  const setBalance = useWallet((s) => s.setBalance);
  const [editing, setEditing] = useState<Reward | 'new' | null>(null);
  const [redeeming, setRedeeming] = useState<Reward | null>(null);
  const [deleting, setDeleting] = useState<Reward | null>(null);
  const [shortMessage, setShortMessage] = useState<string | null>(null);
  const balance = ledger.data?.balance ?? 0;

  const reloadAll = async () => {
    await Promise.all([rewards.reload(), ledger.reload()]);
  };

  const redeem = async (reward: Reward) => {
    setRedeeming(null);
    try {
      const answer = await walletApi.redeem(reward.id);
      setBalance(answer.balance);
      setShortMessage(null);
      toast(`Enjoy: ${reward.name}. ${answer.balance} coins left.`, 'success');
    } catch (err) {
      const error = toApiError(err);
      if (error.code === 'insufficient_coins') setShortMessage(error.message);
      else toast(error.message, 'error');
    }
    await ledger.reload();
    void useWallet.getState().refresh();
  };

  const remove = async (reward: Reward) => {
    setDeleting(null);
    try {
      await walletApi.removeReward(reward.id);
      toast('Reward deleted.', 'info');
    } catch (err) {
      toast(toApiError(err).message, 'error');
    }
    await rewards.reload();
  };

  return (
    <Box>
      <Stack direction="row" alignItems="center" justifyContent="space-between" sx={{ mb: 2, gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          Wallet & rewards
        </Typography>
        <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setEditing('new')}>
          New reward
        </Button>
      </Stack>

      <Card variant="outlined" sx={{ mb: 3 }}>
        <CardContent>
          <Stack direction="row" spacing={2} alignItems="center">
            <SavingsOutlined color="primary" sx={{ fontSize: 40 }} />
            <Box>
              <Typography variant="h4" component="p" data-testid="wallet-balance" aria-label={`${balance} coins`}>
                {ledger.data ? balance : '…'}
              </Typography>
              <Typography color="text.secondary">coins · earn them by doing your habits on time; spend them on rewards you choose</Typography>
            </Box>
          </Stack>
        </CardContent>
      </Card>

      {shortMessage && (
        <Alert severity="warning" onClose={() => setShortMessage(null)} sx={{ mb: 2 }} role="alert">
          {shortMessage}
        </Alert>
      )}

      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        Rewards
      </Typography>
      {rewards.loading && !rewards.data ? (
        <Loading />
      ) : rewards.error ? (
        <ErrorState error={rewards.error} onRetry={rewards.reload} />
      ) : !rewards.data?.results.length ? (
        <EmptyState icon={<RedeemOutlined />} title="No rewards yet">
          Pair your habits with something you enjoy: “an episode of my show — 50 coins”.
        </EmptyState>
      ) : (
        <Stack spacing={1.5} component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mb: 3 }} aria-label="Rewards">
          {rewards.data.results.map((reward) => (
            <li key={reward.id}>
              <RewardCard
                reward={reward}
                balance={balance}
                onRedeem={() => setRedeeming(reward)}
                onEdit={() => setEditing(reward)}
                onDelete={() => setDeleting(reward)}
              />
            </li>
          ))}
        </Stack>
      )}

      <Typography variant="h6" component="h2" sx={{ mb: 1, mt: 2 }}>
        Ledger
      </Typography>
      {ledger.loading && !ledger.data ? (
        <Loading />
      ) : ledger.error ? (
        <ErrorState error={ledger.error} onRetry={ledger.reload} />
      ) : !ledger.data?.results.length ? (
        <Typography color="text.secondary">No coins yet. Complete a habit on time to earn your first ones.</Typography>
      ) : (
        <>
          <List dense aria-label="Ledger" sx={{ bgcolor: 'background.paper', borderRadius: 2 }}>
            {ledger.data.results.map((entry) => (
              <LedgerLine key={entry.id} entry={entry} />
            ))}
          </List>
          {ledger.data.next && (
            <Button onClick={() => setPages((n) => n + 1)} sx={{ mt: 1 }}>
              Show more
            </Button>
          )}
        </>
      )}

      <RewardFormDialog
        open={editing !== null}
        reward={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void reloadAll();
        }}
      />
      <Dialog open={redeeming !== null} onClose={() => setRedeeming(null)}>
        <DialogTitle>Redeem {redeeming?.name}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {redeeming?.price} coins will be taken from your {balance}.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRedeeming(null)}>Cancel</Button>
          <Button variant="contained" onClick={() => redeeming && void redeem(redeeming)}>
            Redeem
          </Button>
        </DialogActions>
      </Dialog>
      <Dialog open={deleting !== null} onClose={() => setDeleting(null)}>
        <DialogTitle>Delete {deleting?.name}?</DialogTitle>
        <DialogContent>
          <DialogContentText>Past redemptions stay in your ledger.</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDeleting(null)}>Cancel</Button>
          <Button color="error" variant="contained" onClick={() => deleting && void remove(deleting)}>
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

interface RewardCardProps {
  reward: Reward;
  balance: number;
  onRedeem: () => void;
  onEdit: () => void;
  onDelete: () => void;
}

function RewardCard({ reward, balance, onRedeem, onEdit, onDelete }: RewardCardProps) {
  const short = coinsShort(balance, reward.price);
  return (
    <Card variant="outlined" aria-label={reward.name}>
      <CardContent sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Box sx={{ flexGrow: 1, minWidth: 160 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, overflowWrap: 'anywhere' }}>
            {reward.name}
          </Typography>
          {reward.note && (
            <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
              {reward.note}
            </Typography>
          )}
          <Stack direction="row" spacing={1} sx={{ mt: 0.5 }}>
            <Chip size="small" icon={<SavingsOutlined />} label={`${reward.price} coins`} />
            {reward.is_archived && <Chip size="small" label="Archived" />}
            {!reward.is_archived && short > 0 && <Chip size="small" variant="outlined" label={`${short} more to go`} />}
          </Stack>
        </Box>
        <Stack direction="row" spacing={0.5} alignItems="center">
          {!reward.is_archived && (
            <Button variant="contained" size="small" startIcon={<RedeemOutlined />} onClick={onRedeem}>
              Redeem
            </Button>
          )}
          <Tooltip title="Edit">
            <IconButton aria-label={`Edit ${reward.name}`} onClick={onEdit}>
              <EditOutlined />
            </IconButton>
          </Tooltip>
          <Tooltip title="Delete">
            <IconButton aria-label={`Delete ${reward.name}`} onClick={onDelete}>
              <DeleteOutline />
            </IconButton>
          </Tooltip>
        </Stack>
      </CardContent>
    </Card>
  );
}

function LedgerLine({ entry }: { entry: CoinEntry }) {
  return (
    <ListItem
      secondaryAction={
        <Typography sx={{ fontWeight: 700, color: entry.amount >= 0 ? 'success.main' : 'text.primary' }}>{signedCoins(entry.amount)}</Typography>
      }
    >
      <ListItemText
        primary={entryText(entry)}
        secondary={`${new Date(entry.created_at).toLocaleString()} · balance ${entry.balance_after}`}
        slotProps={{ primary: { sx: { overflowWrap: 'anywhere', pr: 6 } } }}
      />
    </ListItem>
  );
}
