// Owned by the evidence-documents work (issue 13 item 2): the claim's documents, previews and upload form.
export async function DocumentsSection(_props: { claimId: string; reference: string; isCaseworker: boolean }) {
  return null;
}
