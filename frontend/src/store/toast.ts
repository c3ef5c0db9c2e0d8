import { create } from 'zustand';

type Severity = 'success' | 'info' | 'warning' | 'error';

interface ToastState {
  message: string | null;
  severity: Severity;
  key: number;
  show: (message: string, severity?: Severity) => void;
  hide: () => void;
}

export const useToast = create<ToastState>()((set) => ({
  message: null,
  severity: 'success',
  key: 0,
  show: (message, severity = 'success') => set((s) => ({ message, severity, key: s.key + 1 })),
  hide: () => set({ message: null }),
}));

export const toast = (message: string, severity?: Severity) => useToast.getState().show(message, severity);
