import { formatDateTime } from "./format-date";
import { StatusTag } from "./tag";
import { Table, TBody, Td, Th, THead, Tr } from "./table";

export type UploadRowView = {
  id: string;
  fileName: string;
  status: string;
  uploadedAt: Date;
  uploadedBy: string;
  rowCount: number;
  matched: number;
  unchanged: number;
  errors: number;
  /** Errors on a line of the file; a whole-file problem (not CSV, empty, too large) has none. */
  rowErrors?: number;
};

/**
 * The report repeats the file's rows with an Error column: only for a CSV whose rows had errors.
 * A refused .xlsx or a JSON file has no rows it could repeat.
 */
function offersErrorReport(u: UploadRowView, csvKind: boolean): boolean {
  return csvKind && (u.rowErrors ?? u.errors) > 0 && !/\.(xlsx|xlsm|xls|json)$/i.test(u.fileName);
}

/** Recent uploads of one kind with their outcome counts, and the error report where there is one. */
export function UploadsTable({
  caption,
  uploads,
  matchedLabel,
  resultPath,
  errorReport = true,
}: {
  caption: string;
  uploads: UploadRowView[];
  matchedLabel: string;
  /** Each upload's result page is this path and its id. */
  resultPath?: string;
  /** The kind's files are CSV, which the error report repeats with an Error column (not JSON). */
  errorReport?: boolean;
}) {
  if (uploads.length === 0) return <p className="mb-8">No files uploaded yet.</p>;
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Uploaded</Th>
          <Th>File</Th>
          <Th>Outcome</Th>
          <Th numeric>Rows</Th>
          <Th numeric>{matchedLabel}</Th>
          <Th numeric>Unchanged</Th>
          <Th numeric>Errors</Th>
        </Tr>
      </THead>
      <TBody>
        {uploads.map((u) => (
          <Tr key={u.id}>
            <Td>
              {formatDateTime(u.uploadedAt)}
              <span className="block text-secondary">by {u.uploadedBy}</span>
            </Td>
            <Td className="break-all">
              {resultPath ? (
                <a href={`${resultPath}${u.id}`} className="text-link underline">
                  {u.fileName}
                  <span className="sr-only">: the upload&apos;s result</span>
                </a>
              ) : (
                u.fileName
              )}
            </Td>
            <Td>
              <StatusTag status={u.status} kind="upload" />
              {offersErrorReport(u, errorReport) && (
                <a href={`/api/uploads/${u.id}/error-report`} download className="mt-1 block text-link underline">
                  Error report<span className="sr-only"> for {u.fileName}</span>
                </a>
              )}
            </Td>
            <Td numeric>{u.rowCount}</Td>
            <Td numeric>{u.matched}</Td>
            <Td numeric>{u.unchanged}</Td>
            <Td numeric>{u.errors}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
