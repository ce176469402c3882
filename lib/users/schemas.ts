import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

const userId = z.uuid("Choose a user");

export const createUserSchema = z.object({
  name: z.string().trim().min(1, "Enter the user's full name").max(100, "Full name must be 100 characters or fewer"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter an email address")
    .max(320, "Email address must be 320 characters or fewer")
    .pipe(z.email("Enter an email address in the correct format, like name@example.gov.uk")),
  role: z.enum(ROLES, "Select a role"),
});

export const changeUserRoleSchema = z.object({ userId, role: z.enum(ROLES, "Select a role") });
export const setUserDisabledSchema = z.object({ userId, disabled: z.enum(["true", "false"]).transform((v) => v === "true") });
export const userIdSchema = z.object({ userId });

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password"),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `New password must be ${MIN_PASSWORD_LENGTH} characters or more`)
      .max(256, "New password must be 256 characters or fewer"),
    confirmPassword: z.string().min(1, "Confirm your new password"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "Passwords do not match" })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "New password must be different from your current password",
  });

const newPassword = z
  .string("Enter a new password")
  .min(MIN_PASSWORD_LENGTH, `New password must be ${MIN_PASSWORD_LENGTH} characters or more`)
  .max(256, "New password must be 256 characters or fewer");

/** The activation link's form: the token from the link, and the password the user chooses. */
export const activateAccountSchema = z
  .object({
    token: z.string().max(100).default(""),
    newPassword,
    confirmPassword: z.string("Confirm your new password").min(1, "Confirm your new password"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "Passwords do not match" });

export const DECISION_NOTE_MAX = 500;

/** A second admin's decision on a role grant: a reason is needed to reject. */
export const decideRoleGrantSchema = z
  .object({
    grantId: z.uuid("Choose a role change"),
    decision: z.enum(["APPROVE", "REJECT"], "Choose whether to approve or reject"),
    note: z.string().trim().max(DECISION_NOTE_MAX, `The note must be ${DECISION_NOTE_MAX} characters or fewer`).default(""),
  })
  .refine((v) => v.decision === "APPROVE" || v.note.length > 0, {
    path: ["note"],
    message: "Enter why you are rejecting it",
  });

export const withdrawRoleGrantSchema = z.object({ grantId: z.uuid("Choose a role change") });
