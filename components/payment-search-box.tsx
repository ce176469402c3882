import { buttonClass } from "./button-styles";
import { cx } from "./cx";

/**
 * "Find a payment" in the header of every signed-in page (docs/payment-search.md#the-search-box): a
 * plain GET form to /payments?q=…, so it works without JavaScript and a search is a URL anyone can
 * share. The label is visible (white on the header's black), the button says what it does.
 */
export function PaymentSearchBox({ defaultValue }: { defaultValue?: string }) {
  return (
    <form method="get" action="/payments" role="search" aria-label="Find a payment" className="w-full sm:w-auto">
      <label htmlFor="header-payment-search" className="mb-1 block text-base font-bold text-white">
        Find a payment
      </label>
      <div className="flex max-w-full">
        <input
          id="header-payment-search"
          name="q"
          type="search"
          defaultValue={defaultValue}
          maxLength={200}
          spellCheck={false}
          autoComplete="off"
          aria-describedby="header-payment-search-hint"
          className={cx(
            "h-10 w-full min-w-0 rounded-none border-2 border-white bg-white px-[5px] text-ink sm:w-72",
            "focus:border-ink focus:outline-[3px] focus:outline-offset-0 focus:outline-focus",
          )}
        />
        <button type="submit" className={buttonClass("secondary", { className: "shrink-0 shadow-none" })}>
          Search
        </button>
      </div>
      <p id="header-payment-search-hint" className="sr-only">
        A payment reference, payment UUID, claim reference, Payout payment code, or a file name and line number
      </p>
    </form>
  );
}
