"use client";

import { SubmitButton } from "@/components/submit-button";
import { SummaryList } from "@/components/summary-list";
import { VisuallyHidden } from "@/components/visually-hidden";
import { INTENT } from "./key-in-fields";
import { ATTEMPT, type AnswerSection } from "./key-in-steps";

/** What was typed, carried through the check step in hidden fields: nothing is saved before "Submit claim". */
export function HiddenValues({ values, attempt }: { values: Record<string, string>; attempt: number }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name={ATTEMPT} value={attempt} />
    </>
  );
}

/**
 * GOV.UK's check answers page: the claim as it will be saved, a "Change" for each answer that goes
 * back to its field with everything kept, and "Submit claim", which saves it.
 */
export function CheckAnswers({ answers }: { answers: AnswerSection[] }) {
  return (
    <>
      <div className="mb-5 sm:mb-[30px]">
        <p className="mb-1 text-[1.125rem] text-secondary sm:text-[1.5rem]">Assisted digital</p>
        <h1
          id="check-heading"
          tabIndex={-1}
          className="mb-0 text-[1.5rem] leading-[1.04] font-bold sm:text-[2.25rem] sm:leading-[1.11]"
        >
          Check the claim before you submit it
        </h1>
      </div>
      {answers.map((section) => (
        <section key={section.title} aria-labelledby={`answers-${section.title}`} className="max-w-4xl">
          <h2 id={`answers-${section.title}`} className="mt-8 mb-4 text-[1.5rem] font-bold">
            {section.title}
          </h2>
          <SummaryList
            rows={section.rows.map((row) => ({
              key: row.key,
              value: row.value.map((line, i) => (
                <span key={i} className="block">
                  {line}
                </span>
              )),
              actions: row.change ? (
                <button
                  type="submit"
                  name={INTENT}
                  value={`change:${row.change}`}
                  className="cursor-pointer text-link underline hover:text-link-hover focus-visible:bg-focus focus-visible:text-ink focus-visible:outline-transparent"
                >
                  Change<VisuallyHidden> {row.key.toLowerCase()}</VisuallyHidden>
                </button>
              ) : undefined,
            }))}
          />
        </section>
      ))}
      <h2 className="mt-8 mb-4 text-[1.5rem] font-bold">Now submit the claim</h2>
      <p className="mb-6 max-w-3xl">
        Submitting records the claim as keyed in by you, as the claimant told you. Another caseworker must decide it.
      </p>
      <SubmitButton name={INTENT} value="submit" pendingLabel="Submitting claim…">
        Submit claim
      </SubmitButton>
    </>
  );
}
