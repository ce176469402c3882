import { Tag } from "@/components/tag";
import { roleLabels, type Role } from "@/lib/auth/roles";

export function UserStateTags({
  user,
}: {
  user: { disabled: boolean; locked: boolean; mustChangePassword: boolean; awaitingApproval: boolean; pendingRole: Role | null };
}) {
  return (
    <span className="flex flex-wrap gap-1">
      {user.disabled ? (
        <Tag colour="grey">Disabled</Tag>
      ) : user.awaitingApproval ? (
        <Tag colour="yellow">Awaiting approval</Tag>
      ) : (
        <Tag colour="green">Active</Tag>
      )}
      {user.locked && <Tag colour="red">Locked</Tag>}
      {user.mustChangePassword && <Tag colour="yellow">One-time password</Tag>}
      {user.pendingRole && !user.awaitingApproval && (
        <Tag colour="purple">Role change to {roleLabels[user.pendingRole]} awaiting approval</Tag>
      )}
    </span>
  );
}
