import { config } from "@/lib/config";
import { activationDeliveryFor, type ActivationDelivery } from "./activation-delivery";

/** How this server delivers activation links, and the address they start with (AUTH_URL). */
export function configuredActivation(): { delivery: ActivationDelivery; baseUrl: string } {
  const settings = config();
  return { delivery: activationDeliveryFor(settings), baseUrl: settings.authUrl };
}
