"use client";

import { MessageBar, MessageBarBody } from "@fluentui/react-components";

/** A failure in plain words, above or inside the part of the page it concerns. */
export const ErrorMessage = ({ children }: { children: React.ReactNode }) => (
  <MessageBar intent="error">
    <MessageBarBody>{children}</MessageBarBody>
  </MessageBar>
);
