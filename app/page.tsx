import { redirect } from "next/navigation";
import { connection } from "next/server";
import { env } from "@/lib/env";
import { webhooksPath } from "@/lib/webhooks/paths";
import { pageCaller } from "@/lib/operations/callers";
import { listRegistryWebhooks } from "@/lib/operations/webhooks";

/** The portal opens on the default registry's Webhooks blade. */
const HomePage = async () => {
  await connection();
  await pageCaller(listRegistryWebhooks);
  redirect(webhooksPath(env.REGISTRY_NAME));
};

export default HomePage;
