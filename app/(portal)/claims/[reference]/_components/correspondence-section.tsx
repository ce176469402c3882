// Owned by the correspondence work (issue 13 item 1): requests, responses and messages in one thread.
export async function CorrespondenceSection(_props: { claimId: string }) {
  return null;
}
