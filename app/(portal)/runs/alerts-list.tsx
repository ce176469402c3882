import { ActionForm } from "@/components/action-form";
import { formatDateTime } from "@/components/format-date";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { VisuallyHidden } from "@/components/visually-hidden";
import { WarningText } from "@/components/warning-text";
import type { OpenAlert } from "@/lib/notify/list-alerts";
import { resolveAlertAction } from "./alert-actions";

/**
 * Open alerts for /runs (docs/domain.md#alerts): what support has been emailed about and nobody
 * has dealt with yet. Load them with listOpenAlerts (lib/notify/list-alerts.ts). With `mayResolve`
 * (admins: actions.resolveAlert) each has a "Mark dealt with" button, which takes it off the list.
 */
export function AlertsList({ alerts, total, mayResolve = false }: { alerts: OpenAlert[]; total: number; mayResolve?: boolean }) {
  if (total === 0) return null;
  return (
    <section aria-labelledby="open-alerts" className="mb-8">
      <h2 id="open-alerts" className="mb-4 text-[1.5rem] font-bold">
        Alerts
      </h2>
      <WarningText>
        {total === 1 ? "1 alert needs attention." : `${total} alerts need attention.`} Support has been emailed about each.
      </WarningText>
      <Table
        caption={total > alerts.length ? `The newest ${alerts.length} of ${total} open alerts` : "Open alerts, newest first"}
        captionVisuallyHidden={total <= alerts.length}
      >
        <THead>
          <Tr>
            <Th>Raised</Th>
            <Th>Alert</Th>
            <Th>What happened</Th>
            {mayResolve && <Th>Action</Th>}
          </Tr>
        </THead>
        <TBody>
          {alerts.map((alert) => (
            <Tr key={alert.id}>
              <Td className="whitespace-nowrap">
                <time dateTime={alert.createdAt.toISOString()}>{formatDateTime(alert.createdAt)}</time>
              </Td>
              <Td>{alert.title.charAt(0).toUpperCase() + alert.title.slice(1)}</Td>
              <Td className="break-words">{alert.message}</Td>
              {mayResolve && (
                <Td>
                  <ActionForm
                    action={resolveAlertAction}
                    hidden={{ alertId: alert.id }}
                    variant="secondary"
                    pendingLabel="Marking…"
                    submitLabel={
                      <>
                        Mark dealt with
                        <VisuallyHidden>
                          : {alert.title}, raised {formatDateTime(alert.createdAt)}
                        </VisuallyHidden>
                      </>
                    }
                  />
                </Td>
              )}
            </Tr>
          ))}
        </TBody>
      </Table>
    </section>
  );
}
