"use client";

import { Button } from "@fluentui/react-components";
import { useEffect } from "react";

type ErrorPageProps = { error: Error & { digest?: string }; reset: () => void };

/** Unexpected failures: a plain message and a retry, never a stack trace. */
const ErrorPage = ({ error, reset }: ErrorPageProps) => {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div>
      <h1 className="blade-title">Something went wrong</h1>
      <p>
        The portal could not show this page. Try again; if it keeps failing, check the server log
        {error.digest ? ` for error ${error.digest}` : ""}.
      </p>
      <Button appearance="primary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
};

export default ErrorPage;
