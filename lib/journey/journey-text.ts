import type { PaymentJourney } from "./journey-types";

/**
 * The journey as plain text, one step a line (the support CLI's `journey` command prints it).
 * CONTRACT STUB: the journey helper replaces this body.
 */
export function journeyText(journey: PaymentJourney): string {
  void journey;
  throw new Error("journeyText: not built yet");
}
