import { HeaderActionButton } from "@/components/app-header";
import { signOutAction } from "./sign-out-action";

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <HeaderActionButton>Sign out</HeaderActionButton>
    </form>
  );
}
