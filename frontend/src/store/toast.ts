import { create } from 'zustand';

type Severity = 'success' | 'info' | 'warning' | 'error';

/** A button on the toast, such as Undo after a mark; it closes the toast when pressed. */
export interface ToastAction {
  label: string;
  run: () => void;
}

interface ToastState {
  message: string | null;
  severity: Severity;
  action: ToastAction | null;
  key: number;
  show: (message: string, severity?: Severity, action?: ToastAction) => void;
  hide: () => void;
}

export const useToast = create<ToastState>()((set) => ({
  message: null,
  severity: 'success',
  action: null,
  key: 0,
  show: (message, severity = 'success', action) => set((s) => ({ message, severity, action: action ?? null, key: s.key + 1 })),
  hide: () => set({ message: null, action: null }),
}));

export const toast = (message: string, severity?: Severity, action?: ToastAction) => useToast.getState().show(message, severity, action);
