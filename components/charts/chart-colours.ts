// GOV.UK colours for the charts' segments, matched to the status tags' colours where there is one
// (components/status.ts): failed is red, cashed green, and so on.

export const PAYMENT_STATUS_COLOURS: Record<string, string> = {
  DRAFT: "#b1b4b6",
  SUSPENDED: "#ffdd00",
  NEW: "#5694ca",
  SENT: "#4c2c92",
  PAID: "#28a197",
  CASHED: "#00703c",
  FAILED: "#d4351c",
  EXPIRED: "#f47738",
  CANCELLED: "#505a5f",
  CARRIED_OVER: "#6f777b",
};

export const CLAIM_STATUS_COLOURS: Record<string, string> = {
  NEW: "#1d70b8",
  UPDATED: "#4c2c92",
  INFORMATION_REQUESTED: "#5694ca",
  AWAITING_SECOND_APPROVAL: "#f47738",
};

export const RUN_STATUS_COLOURS: Record<string, string> = {
  SUCCEEDED: "#00703c",
  EMPTY: "#b1b4b6",
  FAILED: "#d4351c",
  RUNNING: "#1d70b8",
};

export const SINGLE_COLOUR = "#1d70b8";
export const FAILED_COLOUR = "#d4351c";
