"use client";

import { ReadOnlyText, ShownOnce } from "../shell/shown-once";

type TokenRevealProps = { token: string; yaml: string };

/** A freshly generated token and the Distribution config that uses it, shown this once. */
export const TokenReveal = ({ token, yaml }: TokenRevealProps) => (
  <ShownOnce label="Notifications token" value={token} ifLost="Regenerate it if it is lost.">
    <ReadOnlyText label="Distribution config (paste into config.yml)" value={yaml} />
  </ShownOnce>
);
