"use client";

import { makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  footer: {
    position: "fixed",
    left: 0,
    right: 0,
    bottom: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  spacer: { height: "56px" },
});

/**
 * The blade footer holding a form's submit button, fixed to the bottom as in the Azure
 * portal, so error messages appearing above never move the button from under the pointer.
 */
export const FormFooter = ({ children }: { children: ReactNode }) => {
  const styles = useStyles();
  return (
    <>
      <div className={styles.spacer} />
      <div className={styles.footer}>{children}</div>
    </>
  );
};
