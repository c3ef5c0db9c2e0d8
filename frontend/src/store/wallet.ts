import { create } from 'zustand';
import { walletApi } from '../api';

interface WalletState {
  /** null until the first answer (or when the server has no wallet endpoint). */
  balance: number | null;
  refresh: () => Promise<void>;
  setBalance: (balance: number) => void;
}

/** The coin balance the app bar shows; refreshed on navigation and after every mark. */
export const useWallet = create<WalletState>()((set) => ({
  balance: null,
  refresh: async () => {
    try {
      const page = await walletApi.get(1, 1);
      set({ balance: page.balance });
    } catch {
      // the chip keeps its last value; the wallet page shows the error itself
    }
  },
  setBalance: (balance) => set({ balance }),
}));
