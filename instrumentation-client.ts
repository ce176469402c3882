import { config } from "zod";

// Runs in the browser before the app's own modules. Zod compiles object parsers with `new Function`
// unless told not to, and first probes whether it may: under the portal's Content-Security-Policy
// (no 'unsafe-eval') the probe is refused and reported as a violation even though Zod recovers
// (docs/security.md#headers-and-transport). Jitless parsing never tries.
config({ jitless: true });
