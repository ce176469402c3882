import { isImage } from "./document-type";

// The Content-Security-Policy a document is served with (docs/documents.md#viewing). Pure.
//
// `sandbox` puts the response in an opaque origin: even a file a browser would treat as a page
// could not read the portal's cookies or call its API. An image needs nothing else. A PDF is
// drawn by the browser's own viewer, which needs scripts in its sandbox (Safari shows an empty
// window without allow-scripts; Chrome's viewer ignores the document's policy); it still gets
// no same-origin access, no forms, no pop-ups and no plugins.
export function documentSecurityPolicy(contentType: string): string {
  if (isImage(contentType)) return "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
  return "sandbox allow-scripts allow-downloads; object-src 'none'; base-uri 'none'; form-action 'none'";
}
