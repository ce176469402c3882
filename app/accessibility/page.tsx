import type { Metadata } from "next";
import { SupportDetails } from "@/components/app-footer";
import { PageHeading } from "@/components/page-heading";
import { config } from "@/lib/config";

export const metadata: Metadata = { title: "Accessibility statement" };
export const dynamic = "force-dynamic";

const h2 = "mt-8 mb-4 text-[1.5rem] font-bold";

// Readable signed out (proxy.ts lists it as public): someone who cannot sign in must be able to
// find out why and whom to ask. What it claims is what docs/design-patterns.md says is tested.
export default function AccessibilityStatementPage() {
  const support = { email: config().supportEmail, phone: config().supportPhone };
  return (
    <div className="max-w-3xl">
      <PageHeading>Accessibility statement for Disburse</PageHeading>
      <p className="mb-4">
        Disburse is the back office where staff decide claims, approve payments and run the files sent to the banks and the Post
        Office. This statement covers every page of it.
      </p>
      <p className="mb-4">We want as many people as possible to be able to use it. You should be able to:</p>
      <ul className="mb-4 list-disc pl-6">
        <li>zoom in up to 400% without text spilling off the screen, and use it on a screen 320 pixels wide</li>
        <li>navigate every page using just a keyboard</li>
        <li>use it with a screen reader: results of what you do are announced, and errors link to the field to fix</li>
        <li>tell every status apart by its words, not by colour alone</li>
      </ul>

      <h2 className={h2}>How accessible this service is</h2>
      <p className="mb-4">
        The pages follow the GOV.UK Design System patterns. Every page is checked automatically against WCAG 2.2 level AA with
        axe-core, at desktop width and at 320 pixels wide, whenever the service changes. Automated checks do not find every
        problem, and the service has not yet been audited by people who use assistive technology.
      </p>

      <h2 className={h2}>Reporting problems and asking for another format</h2>
      <p className="mb-4">
        If you find a problem, or need information from this service in a different format, contact the help desk. Say which page
        you were on and what you were trying to do.
      </p>
      <SupportDetails support={support} className="mb-4" />
      {!support.email && !support.phone && <p className="mb-4">Ask your line manager for your help desk&apos;s details.</p>}

      <h2 className={h2}>Enforcement procedure</h2>
      <p className="mb-4">
        The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile
        Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact
        the Equality Advisory and Support Service (EASS).
      </p>

      <h2 className={h2}>Compliance status</h2>
      <p className="mb-4">
        This service is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, until a manual
        audit confirms otherwise.
      </p>

      <h2 className={h2}>Content that is not within the scope of the regulations</h2>
      <p className="mb-4">
        The files the service writes for banks and the Post Office (CSV and journal files) are machine-readable formats for other
        systems, not documents for people to read.
      </p>
    </div>
  );
}
