"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { buttonClass } from "./button-styles";

/**
 * GOV.UK's timeout warning: a modal that opens `warningMinutes` before the idle timeout, says when
 * the session will end, and lets the user stay signed in (a request to /api/session marks the
 * session used) or sign out. When the time runs out the page goes to sign-in, saying why.
 */
export function IdleWarning({
  idleMinutes,
  warningMinutes,
  signOutAction,
}: {
  idleMinutes: number;
  warningMinutes: number;
  signOutAction: () => Promise<void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [deadline, setDeadline] = useState(() => Date.now() + idleMinutes * 60_000);
  const [secondsLeft, setSecondsLeft] = useState(warningMinutes * 60);

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
    dialog.current?.close();
    setDeadline(Date.now() + idleMinutes * 60_000);
  }, [idleMinutes]);

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
