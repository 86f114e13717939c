import Flashbar, { type FlashbarProps } from '@cloudscape-design/components/flashbar';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export interface FlashMessage {
  type: 'success' | 'error' | 'warning' | 'info';
  header?: ReactNode;
  content?: ReactNode;
  /** A button beside the message, e.g. "Refresh now". */
  action?: ReactNode;
  /** Same id replaces an earlier message (e.g. one "refresh finished" at a time). */
  id?: string;
}

interface FlashApi {
  push(message: FlashMessage): void;
  dismiss(id: string): void;
  items: (FlashMessage & { id: string })[];
}

const FlashContext = createContext<FlashApi | null>(null);
const MAX_MESSAGES = 6;
let sequence = 0;

export function FlashProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<(FlashMessage & { id: string })[]>([]);
  const dismiss = useCallback((id: string) => setItems((list) => list.filter((item) => item.id !== id)), []);
  const push = useCallback((message: FlashMessage) => {
    sequence += 1;
    const id = message.id ?? `flash-${sequence}`;
    setItems((list) => [{ ...message, id }, ...list.filter((item) => item.id !== id)].slice(0, MAX_MESSAGES));
  }, []);
  const value = useMemo(() => ({ push, dismiss, items }), [push, dismiss, items]);
  return <FlashContext.Provider value={value}>{children}</FlashContext.Provider>;
}

export function useFlash(): FlashApi {
  const context = useContext(FlashContext);
  if (!context) throw new Error('useFlash needs a FlashProvider');
  return context;
}

/** The Flashbar of action results, shown in the layout's notifications slot. */
export function Flashes() {
  const { items, dismiss } = useFlash();
  const flashItems: FlashbarProps.MessageDefinition[] = items.map((item) => ({
    id: item.id,
    type: item.type,
    header: item.header,
    content: item.content,
    action: item.action,
    dismissible: true,
    dismissLabel: 'Dismiss message',
    onDismiss: () => dismiss(item.id),
  }));
  return <Flashbar items={flashItems} data-testid="flashes" />;
}
