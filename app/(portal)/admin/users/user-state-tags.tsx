import { Tag } from "@/components/tag";

export function UserStateTags({ user }: { user: { disabled: boolean; locked: boolean; mustChangePassword: boolean } }) {
  return (
    <span className="flex flex-wrap gap-1">
      {user.disabled ? <Tag colour="grey">Disabled</Tag> : <Tag colour="green">Active</Tag>}
      {user.locked && <Tag colour="red">Locked</Tag>}
      {user.mustChangePassword && <Tag colour="yellow">One-time password</Tag>}
    </span>
  );
}
