import type { ExpenseType } from "@/lib/generated/prisma/enums";

/** How each expense type reads on screens (no server code: client forms import it). */
export const expenseTypeLabels: Record<ExpenseType, string> = {
  BUS: "Bus",
  TRAIN: "Train",
  TAXI: "Taxi",
  CAR_MILEAGE: "Car mileage",
  ACCOMMODATION: "Accommodation",
  REFRESHMENTS: "Refreshments",
  OTHER: "Other",
};
