import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/page-heading";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p className="mb-4">If you typed the web address, check it is correct.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </>
  );
}
