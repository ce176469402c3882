"use client";

import { fieldError } from "@/components/action-error-summary";
import { Checkbox } from "@/components/checkboxes";
import { TextInput } from "@/components/text-input";
import { Textarea } from "@/components/textarea";
import type { PersonDetails } from "@/lib/people/rules/person-details";
import {
  decidePersonDetailsChangeAction,
  dismissPossibleMatchAction,
  linkPossibleMatchAction,
  proposePersonDetailsAction,
} from "../person-actions";
import { ClaimForm } from "./claim-form";

const PERSON_INPUTS: { name: keyof PersonDetails; label: string; width?: "20" | "10"; autoComplete: string }[] = [
  { name: "firstName", label: "First name", width: "20", autoComplete: "off" },
  { name: "lastName", label: "Last name", width: "20", autoComplete: "off" },
  { name: "addressLine1", label: "Address line 1", autoComplete: "off" },
  { name: "addressLine2", label: "Address line 2 (optional)", autoComplete: "off" },
  { name: "town", label: "Town or city", width: "20", autoComplete: "off" },
  { name: "county", label: "County (optional)", width: "20", autoComplete: "off" },
  { name: "postcode", label: "Postcode", width: "10", autoComplete: "off" },
  { name: "country", label: "Country", width: "20", autoComplete: "off" },
];

const PERSON_FORM_IDS = Object.fromEntries([...PERSON_INPUTS.map((i) => i.name), "note"].map((name) => [name, `person-${name}`]));

/** Link (a merge, confirmed) or dismiss; always rendered so the outcome stays on screen after the flag goes. */
export function PossibleMatchForms({ reference, possibleMatchId }: { reference: string; possibleMatchId: string | null }) {
  const showForm = possibleMatchId !== null;
  const hidden = { reference, possibleMatchId: possibleMatchId ?? "" };
  return (
    <div className="mt-4">
      <ClaimForm
        action={linkPossibleMatchAction}
        showForm={showForm}
        hidden={hidden}
        fields={["confirmed"]}
        submitLabel="Link these records"
        pendingLabel="Linking…"
      >
        {(result) => (
          <Checkbox
            id="confirmed"
            name="confirmed"
            label="I have checked that these records are the same person"
            hint="Linking moves this claim and the newer record's history to the older record. It cannot be undone."
            error={fieldError(result, "confirmed")}
          />
        )}
      </ClaimForm>
      <ClaimForm
        action={dismissPossibleMatchAction}
        showForm={showForm}
        hidden={hidden}
        fields={[]}
        submitLabel="Not the same person"
        pendingLabel="Dismissing…"
        variant="secondary"
      />
    </div>
  );
}

export function ProposePersonDetailsForm({ reference, current }: { reference: string; current: PersonDetails }) {
  return (
    <ClaimForm
      action={proposePersonDetailsAction}
      hidden={{ reference }}
      fields={[...PERSON_INPUTS.map((i) => i.name), "note"]}
      ids={PERSON_FORM_IDS}
      summary="Change name or address"
      submitLabel="Propose the change"
      pendingLabel="Checking…"
      variant="secondary"
    >
      {(result) => (
        <>
          <p className="mb-4">
            Another caseworker must approve the change before it is used. The person&apos;s payments that are not sent yet are
            held until then.
          </p>
          {PERSON_INPUTS.map((input) => (
            <TextInput
              key={input.name}
              id={`person-${input.name}`}
              name={input.name}
              label={input.label}
              width={input.width}
              autoComplete={input.autoComplete}
              spellCheck={false}
              defaultValue={current[input.name] ?? ""}
              error={fieldError(result, input.name)}
            />
          ))}
          <Textarea
            id="person-note"
            name="note"
            label="How the person told you (optional)"
            hint="For example: phone call on 3 December, letter with a council tax bill"
            rows={2}
            error={fieldError(result, "note")}
          />
        </>
      )}
    </ClaimForm>
  );
}

/** Always rendered (without a change: forms hidden) so the outcome stays on screen after the decision. */
export function DecidePersonDetailsForms({ reference, changeId }: { reference: string; changeId: string | null }) {
  const showForm = changeId !== null;
  return (
    <div className="flex flex-wrap gap-4">
      <ClaimForm
        action={decidePersonDetailsChangeAction}
        showForm={showForm}
        hidden={{ reference, changeId: changeId ?? "", decision: "approve" }}
        fields={[]}
        submitLabel="Approve the new name and address"
        pendingLabel="Approving…"
      />
      <ClaimForm
        action={decidePersonDetailsChangeAction}
        showForm={showForm}
        hidden={{ reference, changeId: changeId ?? "", decision: "reject" }}
        fields={["decisionNote"]}
        ids={{ decisionNote: "person-decision-note" }}
        summary="Reject the change"
        submitLabel="Reject the change"
        pendingLabel="Rejecting…"
        variant="warning"
      >
        {(result) => (
          <Textarea
            id="person-decision-note"
            name="decisionNote"
            label="Why (optional)"
            rows={2}
            error={fieldError(result, "decisionNote")}
          />
        )}
      </ClaimForm>
    </div>
  );
}
