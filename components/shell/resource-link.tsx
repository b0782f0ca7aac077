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

/** A link to another blade, styled as the Azure portal's resource links. */
export const ResourceLink = ({ href, children }: { href: string; children: ReactNode }) => {
  const styles = useStyles();
  return (
    <Link className={styles.link} href={href}>
      {children}
    </Link>
  );
};
