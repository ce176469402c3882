// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // forbidden() from next/navigation gives pages a real HTTP 403.
  // Uploads (failed payments, bank holidays) go through server actions: up to 5 MB per file
  // (lib/reconciliation/receive-upload.ts), plus the form around it.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "6mb" } },
  poweredByHeader: false,
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
