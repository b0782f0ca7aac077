"use client";

import { makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { useQuery } from "@tanstack/react-query";
import type { ScopePreviewAnswer } from "@/lib/api/scope-preview-route";
import { scopePreviewApiPath } from "@/lib/webhooks/paths";
import { parseScope } from "@/lib/webhooks/scope";
import { fetchJson } from "../events/fetch-json";
import { useDebouncedValue } from "../hooks/use-debounced-value";

const useStyles = makeStyles({
  region: { minHeight: tokens.lineHeightBase300, fontSize: tokens.fontSizeBase200, marginTop: `-${tokens.spacingVerticalS}` },
  error: { color: tokens.colorPaletteRedForeground1 },
  sample: { fontFamily: tokens.fontFamilyMonospace },
});

/** Long enough to skip the keys of one word, short enough to feel live. */
const DEBOUNCE_MS = 300;
/** As long as the server keeps a registry's inventory (lib/registry-api/inventory-cache.ts). */
const FRESH_MS = 30_000;

const counted = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "Matches 3 repositories, 12 tags: app:v1, app:v2, …" */
export const describePreview = (answer: ScopePreviewAnswer) => {
  const atLeast = answer.truncated ? "at least " : "";
  if (answer.repositories === 0) return { summary: answer.truncated ? "No match among the repositories read." : "Matches no repository right now.", sample: "" };
  const shown = answer.sample.join(", ");
  const hasMore = answer.truncated || answer.unlisted > 0;
  return {
    summary: `Matches ${atLeast}${counted(answer.repositories, "repository", "repositories")}, ${counted(answer.tags, "tag", "tags")}:`,
    sample: hasMore ? `${shown}, …` : shown,
  };
};

type ScopePreviewProps = { registry: string; scope: string };

/**
 * Under the Scope field: what the typed scope matches in the registry now, read through the
 * portal (GET .../scope-preview) once typing pauses. An invalid scope asks nothing: the field's
 * own message says what is wrong. The result is announced politely to screen readers.
 */
export const ScopePreview = ({ registry, scope }: ScopePreviewProps) => {
  const styles = useStyles();
  const debounced = useDebouncedValue(scope.trim(), DEBOUNCE_MS);
  const isValid = parseScope(debounced).ok;
  const query = useQuery({
    queryKey: ["scope-preview", registry, debounced],
    queryFn: () => fetchJson<ScopePreviewAnswer>(`${scopePreviewApiPath(registry)}?scope=${encodeURIComponent(debounced)}`),
    enabled: isValid,
    staleTime: FRESH_MS,
    // The server already waited for the registry; its message is the answer.
    retry: false,
  });
  const isSettling = debounced !== scope.trim();
  const preview = query.data ? describePreview(query.data) : null;
  return (
    <div className={styles.region} role="status" aria-live="polite" aria-label="Registry matches">
      {!isValid ? null : query.isFetching || isSettling ? (
        <Spinner size="extra-tiny" label="Checking the registry…" labelPosition="after" />
      ) : query.isError ? (
        <Text className={styles.error}>{query.error.message}</Text>
      ) : preview ? (
        <Text>
          {preview.summary} {preview.sample && <span className={styles.sample}>{preview.sample}</span>}
        </Text>
      ) : null}
    </div>
  );
};
