import Flashbar, { type FlashbarProps } from '@cloudscape-design/components/flashbar';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { addRepeated, repeatKeyOf, timesSaid } from '../lib/repeats';
import { useRoute } from '../lib/router';
import { visible } from '../lib/visible';

export interface FlashMessage {
  type: 'success' | 'error' | 'warning' | 'info';
  header?: ReactNode;
  content?: ReactNode;
  /** A button beside the message, e.g. "Refresh now". */
  action?: ReactNode;
  /** Same id replaces an earlier message (e.g. one "refresh finished" at a time). */
  id?: string;
  /**
   * Milliseconds until the message goes by itself; null keeps it until dismissed. Defaults: success
   * and info go after AUTO_DISMISS_MS, warnings and errors stay.
   */
  autoDismissMs?: number | null;
  /** Drop the message when the user moves to another page (news about the page it appeared on). */
  untilNavigation?: boolean;
  /**
   * Where the content is not plain text (an error drawn by a component): messages with the same key
   * say the same, and are shown once with how many times (plain-text messages are compared by their words).
   */
  repeatKey?: string;
}

type Item = FlashMessage & { id: string; key: string | null; count: number };

interface FlashApi {
  push(message: FlashMessage): void;
  dismiss(id: string): void;
  items: Item[];
  /** While true (the pointer is on the messages), nothing is dismissed by its timer. */
  setPaused(paused: boolean): void;
}

const FlashContext = createContext<FlashApi | null>(null);
const MAX_MESSAGES = 6;
export const AUTO_DISMISS_MS = 8000;
/** When a timer ends while the user points at or reads the messages, look again this much later. */
const PAUSED_RETRY_MS = 2000;
let sequence = 0;

function autoDismissDelay(message: FlashMessage): number | null {
  if (message.autoDismissMs !== undefined) return message.autoDismissMs;
  return message.type === 'success' || message.type === 'info' ? AUTO_DISMISS_MS : null;
}

export function FlashProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<Item[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const paused = useRef(false);

  const clearTimer = useCallback((id: string) => {
    const timer = timers.current.get(id);
    if (timer !== undefined) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const dismiss = useCallback(
    (id: string) => {
      clearTimer(id);
      setItems((list) => list.filter((item) => item.id !== id));
    },
    [clearTimer],
  );

  const arm = useCallback(
    (id: string, delay: number) => {
      clearTimer(id);
      timers.current.set(
        id,
        setTimeout(() => {
          if (paused.current) arm(id, PAUSED_RETRY_MS);
          else dismiss(id);
        }, delay),
      );
    },
    [clearTimer, dismiss],
  );

  const push = useCallback(
    (message: FlashMessage) => {
      sequence += 1;
      const id = message.id ?? `flash-${sequence}`;
      const delay = autoDismissDelay(message);
      if (delay === null) clearTimer(id);
      else arm(id, delay);
      setItems((list) => {
        // The same message again replaces the earlier one and counts it, rather than stacking on it.
        const next = addRepeated(list, { ...message, id, key: repeatKeyOf(message), count: 1 }, MAX_MESSAGES);
        for (const dropped of next.dropped) clearTimer(dropped);
        return next.list;
      });
    },
    [arm, clearTimer],
  );

  const setPaused = useCallback((value: boolean) => {
    paused.current = value;
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  const value = useMemo(() => ({ push, dismiss, items, setPaused }), [push, dismiss, items, setPaused]);
  return <FlashContext.Provider value={value}>{children}</FlashContext.Provider>;
}

export function useFlash(): FlashApi {
  const context = useContext(FlashContext);
  if (!context) throw new Error('useFlash needs a FlashProvider');
  return context;
}

function shown(node: ReactNode): ReactNode {
  return typeof node === 'string' ? visible(node) : node;
}

/** A repeated message's header says how many times it came ("Accept failed · 3 times"). */
function withCount(header: ReactNode, count: number): ReactNode {
  const times = timesSaid(count);
  if (!times) return header;
  return (
    <>
      {header}
      {header ? ' · ' : ''}
      <span data-testid="flash-count">{times}</span>
    </>
  );
}

const STACK_STRINGS: FlashbarProps.I18nStrings = {
  ariaLabel: 'Messages',
  notificationBarText: 'Messages',
  notificationBarAriaLabel: 'Show all messages',
  errorIconAriaLabel: 'Error',
  warningIconAriaLabel: 'Warning',
  successIconAriaLabel: 'Success',
  infoIconAriaLabel: 'Info',
  inProgressIconAriaLabel: 'In progress',
};

/**
 * The Flashbar of action results, shown in the layout's notifications slot. Several messages collapse
 * into a stack (the newest on top) so they never push the page down; messages about one page go when
 * the user leaves it.
 */
export function Flashes() {
  const { items, dismiss, setPaused } = useFlash();
  const route = useRoute();
  const routeKey = JSON.stringify(route);
  const lastRoute = useRef(routeKey);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  useEffect(() => {
    if (lastRoute.current === routeKey) return;
    lastRoute.current = routeKey;
    for (const item of itemsRef.current) if (item.untilNavigation) dismiss(item.id);
  }, [routeKey, dismiss]);

  const flashItems: FlashbarProps.MessageDefinition[] = items.map((item) => ({
    id: item.id,
    type: item.type,
    // Messages carry AWS's words (a reason, an account id): a text is shown with its controls escaped.
    header: withCount(shown(item.header), item.count),
    content: shown(item.content),
    action: item.action,
    dismissible: true,
    dismissLabel: 'Dismiss message',
    ariaRole: item.type === 'error' ? 'alert' : 'status',
    onDismiss: () => dismiss(item.id),
  }));
  return (
    // Pointing at the messages holds their timers, so a message being read does not vanish (WCAG 2.2.1).
    // Focus does not: Flashbar moves focus to a new error itself, which must not freeze the others.
    // biome-ignore lint/a11y/noStaticElementInteractions: the handlers only pause timers; nothing is operated here
    <div onMouseEnter={() => setPaused(true)} onMouseLeave={() => setPaused(false)}>
      <Flashbar items={flashItems} stackItems i18nStrings={STACK_STRINGS} data-testid="flashes" />
    </div>
  );
}
