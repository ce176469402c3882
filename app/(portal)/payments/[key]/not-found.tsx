import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/page-heading";

export const metadata: Metadata = { title: "Payment not found" };

export default function PaymentNotFound() {
  return (
    <>
      <PageHeading>Payment not found</PageHeading>
      <p className="mb-4">
        There is no payment with that reference or UUID. Check it is typed correctly: a payment reference is a claim reference, a
        dash and two digits, for example 7KQ2M9X-01.
      </p>
      <p>
        <Link href="/payments">Search for a payment</Link>
      </p>
    </>
  );
}
