"use client";

import {
  createDOMRenderer,
  FluentProvider,
  RendererProvider,
  renderToStyleElements,
  SSRProvider,
  webLightTheme,
} from "@fluentui/react-components";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useServerInsertedHTML } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";

/**
 * Fluent UI styles are generated at render time by Griffel. On the server we collect them
 * and insert them into the HTML, so the first paint already looks like the Azure portal.
 */
export const Providers = ({ children }: { children: ReactNode }) => {
  const [renderer] = useState(() => createDOMRenderer());
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1 } } }),
  );
  const hasInsertedStyles = useRef(false);

  useServerInsertedHTML(() => {
    if (hasInsertedStyles.current) return null;
    hasInsertedStyles.current = true;
    return <>{renderToStyleElements(renderer)}</>;
  });

  return (
    <RendererProvider renderer={renderer}>
      <SSRProvider>
        <FluentProvider theme={webLightTheme}>
          <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
        </FluentProvider>
      </SSRProvider>
    </RendererProvider>
  );
};
