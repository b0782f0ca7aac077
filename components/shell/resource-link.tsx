"use client";

import { makeStyles, tokens } from "@fluentui/react-components";
import Link from "next/link";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  link: {
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: "none",
    ":hover": { textDecorationLine: "underline" },
  },
});

/**
 * A link to another blade, styled as the Azure portal's resource links. `prefetch={false}` for
 * links in long tables: Next.js would otherwise prefetch every one in view as the page settles.
 */
export const ResourceLink = ({ href, children, prefetch }: { href: string; children: ReactNode; prefetch?: false }) => {
  const styles = useStyles();
  return (
    <Link className={styles.link} href={href} prefetch={prefetch}>
      {children}
    </Link>
  );
};
