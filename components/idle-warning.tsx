"use client";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { TOUCH_EVERY_MS } from "@/lib/auth/sessions/session-rules";
import { buttonClass } from "./button-styles";

type Props = { idleMinutes: number; warningMinutes: number; signOutAction: () => Promise<void> };

/**
 * GOV.UK's timeout warning: a modal that opens `warningMinutes` before the idle timeout, says when
 * the session will end, and lets the user stay signed in (a request to /api/session marks the
 * session used) or sign out. When the time runs out the page goes to sign-in, saying why.
 *
 * The clock restarts whenever the server hears from the page: a navigation, or a form sent to a
 * server action. It runs a minute short, since the server writes the session's last use at most
 * once a minute.
 */
export function IdleWarning(props: Props) {
  // A navigation starts the clock again: the layout stays mounted across them, so the clock is
  // keyed by the path and starts afresh with each page.
  return <IdleClock key={usePathname()} {...props} />;
}

function IdleClock({ idleMinutes, warningMinutes, signOutAction }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const idleMs = idleMinutes * 60_000 - TOUCH_EVERY_MS;
  const [deadline, setDeadline] = useState(() => Date.now() + idleMs);
  const [secondsLeft, setSecondsLeft] = useState(warningMinutes * 60);

  const restart = useCallback(() => {
    dialog.current?.close();
    setDeadline(Date.now() + idleMs);
  }, [idleMs]);
  useEffect(() => {
    document.addEventListener("submit", restart, true);
    return () => document.removeEventListener("submit", restart, true);
  }, [restart]);

  useEffect(() => {
    const tick = () => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      setSecondsLeft(left);
      if (left === 0) {
        window.location.assign(`/login?ended=IDLE&callbackUrl=${encodeURIComponent(window.location.pathname)}`);
      } else if (left <= warningMinutes * 60 && !dialog.current?.open) {
        dialog.current?.showModal();
      }
    };
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [deadline, warningMinutes]);

  const stay = useCallback(async () => {
    const response = await fetch("/api/session", { method: "POST" });
    if (response.status === 401) {
      window.location.assign("/login?ended=IDLE");
      return;
    }
    restart();
  }, [restart]);

  const minutes = Math.ceil(secondsLeft / 60);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="idle-warning-heading"
      aria-describedby="idle-warning-text"
      className="m-auto max-w-lg border-[5px] border-ink p-6 backdrop:bg-black/60"
      onCancel={(event) => {
        event.preventDefault();
        void stay();
      }}
    >
      <h2 id="idle-warning-heading" className="mb-4 text-2xl font-bold">
        You will be signed out soon
      </h2>
      <p id="idle-warning-text" className="mb-6" aria-live="polite">
        You have not done anything for a while. To protect the data in Disburse, we will sign you out in{" "}
        {minutes <= 1 ? "less than a minute" : `${minutes} minutes`}. Anything you have not saved will be lost.
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <button type="button" className={buttonClass("primary")} onClick={() => void stay()} autoFocus>
          Stay signed in
        </button>
        <form action={signOutAction}>
          <button type="submit" className="cursor-pointer text-link underline">
            Sign out
          </button>
        </form>
      </div>
    </dialog>
  );
}
