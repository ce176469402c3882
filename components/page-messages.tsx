"use client";

import { usePathname } from "next/navigation";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import type { ActionResult } from "@/lib/actions/result";
import { ErrorSummary, type ErrorSummaryItem } from "./error-summary";
import { NotificationBanner } from "./notification-banner";

/**
 * What the last action on the page said, shown once at the top of the page (GOV.UK: banners and
 * the error summary go above the heading, not beside the form that raised them). `key` changes
 * with every result, so a second identical result is announced and focused again.
 */
export type PageMessage =
  | { kind: "success"; text: string; key: unknown }
  | { kind: "error"; errors: ErrorSummaryItem[]; description?: string; key: unknown };

type Published = { source: string; path: string; message: PageMessage };

type Channel = { publish: (source: string, message: PageMessage | null) => void; current: Published | null };

const PageMessagesContext = createContext<Channel | null>(null);

/** Holds the latest message; the slot shows it only on the page (path) where it was raised. */
export function PageMessagesProvider({ children }: { children: ReactNode }) {
  const path = usePathname();
  const [current, setCurrent] = useState<Published | null>(null);
  const publish = useCallback(
    (source: string, message: PageMessage | null) =>
      setCurrent((previous) => {
        if (message) return { source, path: window.location.pathname, message };
        return previous?.source === source ? null : previous;
      }),
    [],
  );
  const visible = current && current.path === path ? current : null;
  const channel = useMemo(() => ({ publish, current: visible }), [publish, visible]);
  return <PageMessagesContext.Provider value={channel}>{children}</PageMessagesContext.Provider>;
}

/** The top of <main>: the success banner or the error summary of the last action. */
export function PageMessagesSlot() {
  const channel = useContext(PageMessagesContext);
  const message = channel?.current?.message ?? null;
  const failed = message?.kind === "error";
  // Only takes off an "Error: " it put on: a page can be titled "Error: …" by its own server-side checks.
  const prefixed = useRef(false);
  useEffect(() => {
    const base = document.title.replace(/^Error: /, "");
    if (failed) document.title = `Error: ${base}`;
    else if (prefixed.current) document.title = base;
    prefixed.current = failed;
  }, [failed, message]);
  if (!message) return null;
  return message.kind === "success" ? (
    <SuccessBanner text={message.text} focusKey={message.key} />
  ) : (
    <ErrorSummary errors={message.errors} description={message.description} focusKey={message.key} />
  );
}

/** A success notification banner that takes focus when it appears, so its words are read out. */
export function SuccessBanner({ text, focusKey }: { text: string; focusKey?: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [text, focusKey]);
  return (
    <NotificationBanner variant="success" ref={ref}>
      <p className="text-[1.125rem] font-bold sm:text-[1.5rem]">{text}</p>
    </NotificationBanner>
  );
}

/**
 * What an action's result says at the top of the page: its success message, or the error summary
 * (one link per field error in the form's order, or the message when no field is to blame). A
 * stale page ("STALE": the record changed since it was loaded) gets the message and a link that
 * reloads the page.
 */
export function resultMessage(
  result: ActionResult | null,
  fields: string[] = [],
  ids: Record<string, string> = {},
): PageMessage | null {
  if (!result) return null;
  if (result.ok) return result.message ? { kind: "success", text: result.message, key: result } : null;
  if (result.code === "STALE") {
    const here = typeof window === "undefined" ? "" : window.location.pathname + window.location.search;
    const reload: ErrorSummaryItem = { href: here || "#main-content", text: "Reload the page to see the change" };
    return { kind: "error", description: result.message, errors: [reload], key: result };
  }
  const fieldErrors = result.fieldErrors ?? {};
  const errors = fields.filter((f) => fieldErrors[f]?.length).map((f) => ({ href: `#${ids[f] ?? f}`, text: fieldErrors[f][0] }));
  if (!errors.length) errors.push({ href: `#${ids[fields[0]] ?? fields[0] ?? "main-content"}`, text: result.message });
  return { kind: "error", errors, key: result };
}

const subscribeNothing = () => () => {};

/**
 * Publishes `message` to the top of the page while the component shows it (null takes its own
 * message down). Returns true where there is no slot yet (the server's HTML, before hydration:
 * a form posted without JavaScript) so the caller draws the message in place instead.
 */
export function usePageMessage(message: PageMessage | null): boolean {
  const channel = useContext(PageMessagesContext);
  const hydrated = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const source = useId();
  const publish = channel?.publish;
  // Callers build the message on every render: publish when what it says (or its result) changes.
  const signature = message ? JSON.stringify({ ...message, key: undefined }) : "";
  const key = message?.key;
  useEffect(() => {
    publish?.(source, signature ? ({ ...JSON.parse(signature), key } as PageMessage) : null);
  }, [publish, source, signature, key]);
  return !channel || !hydrated;
}
