import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/page-heading";
import { homeSectionsFor } from "@/lib/app/home-sections";
import { requirePage } from "@/lib/auth/guards";
import { roleLabels } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Home" };
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await requirePage("home");
  const sections = homeSectionsFor(user.role);
  return (
    <>
      <PageHeading caption={roleLabels[user.role]}>Welcome, {user.name}</PageHeading>
      <p className="mb-8 max-w-2xl">What you can do in Disburse:</p>
      <ul className="grid gap-6 sm:grid-cols-2">
        {sections.map((section) => (
          <li key={section.title} className="border-t-4 border-link pt-3">
            <h2 className="mb-2 text-xl font-bold">
              {section.href ? <Link href={section.href}>{section.title}</Link> : section.title}
            </h2>
            <p>{section.description}</p>
            {!section.href && <p className="mt-1 text-secondary">Not available yet.</p>}
          </li>
        ))}
      </ul>
    </>
  );
}
