import { redirect } from "next/navigation";
import { connection } from "next/server";
import { env } from "@/lib/env";
import { webhooksPath } from "@/lib/webhooks/paths";

/** The portal opens on the default registry's Webhooks blade. */
const HomePage = async () => {
  await connection();
  redirect(webhooksPath(env.REGISTRY_NAME));
};

export default HomePage;
