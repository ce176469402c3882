"use client";

import { usePathname } from "next/navigation";
import { PrimaryNav, type NavItem } from "@/components/primary-nav";

// The root layout is not re-rendered on client-side navigation, so the current page comes from the router.
export function CurrentNav({ items }: { items: NavItem[] }) {
  return <PrimaryNav items={items} currentPath={usePathname()} />;
}
