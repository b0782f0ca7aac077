import { redirect } from "next/navigation";
import { connection } from "next/server";
import { env } from "@/lib/env";
import { webhooksPath } from "@/lib/webhooks/paths";
import { requireUser } from "@/lib/auth/guards";

/** The portal opens on the default registry's Webhooks blade. */
const HomePage = async () => {
  await connection();
  await requireUser();
  redirect(webhooksPath(env.REGISTRY_NAME));
};

export default HomePage;
