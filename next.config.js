// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // forbidden() from next/navigation gives pages a real HTTP 403.
  // Server actions keep Next's default body limit (1 MB): no action takes a file. Uploads stream
  // to route handlers (app/api/uploads/*), which set their own limit (UPLOAD_MAX_MB).
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // No image optimiser: the portal shows no images through next/image, and /_next/image would
  // fetch and resize on request (a resource an attacker could spend). It answers 404.
  images: { unoptimized: true },
  // Loaded by Node as they are, not bundled: resvg is a native addon (barcode PNGs), and pdfkit
  // reads its font files from beside its own code (voucher and letter PDFs). linkedom (the
  // dashboards' server-side charts) tries require("canvas") and falls back to a shim.
  serverExternalPackages: ["@resvg/resvg-js", "pdfkit", "linkedom"],
  // The e2e suite runs its own build in a separate folder so it never clashes with `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};
module.exports = nextConfig;
