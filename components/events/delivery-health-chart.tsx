"use client";

import { makeStyles, Text, ToggleButton, tokens, webLightTheme } from "@fluentui/react-components";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { memo, startTransition, useEffect, useMemo, useState } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { webhookKeys } from "@/lib/events/query-keys";
import { HEALTH_RANGES, type DeliveryHealth, type HealthHour, type HealthRange } from "@/lib/events/health-types";
import { healthApiPath } from "@/lib/webhooks/paths";
import { ErrorMessage } from "../shell/error-message";
import { fetchJson } from "./fetch-json";
import { HealthTable } from "./health-table";

const useStyles = makeStyles({
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalL },
  periods: { display: "flex", gap: tokens.spacingHorizontalXS },
  chart: { height: "280px", fontSize: tokens.fontSizeBase200, fontFamily: tokens.fontFamilyBase },
  empty: { color: tokens.colorNeutralForeground3, padding: `${tokens.spacingVerticalS} 0` },
});

/** Often enough to follow a busy webhook, rarely enough to cost nothing. */
const HEALTH_REFRESH_MS = 30_000;

// Fluent UI's light theme (the portal's), as plain colours: SVG attributes do not take its CSS variables.
const COLORS = {
  delivered: webLightTheme.colorPaletteGreenBorderActive,
  retried: webLightTheme.colorPaletteMarigoldBorderActive,
  failed: webLightTheme.colorPaletteRedBorderActive,
  p50: webLightTheme.colorBrandForeground1,
  p95: webLightTheme.colorPaletteBerryForeground1,
  grid: webLightTheme.colorNeutralStroke2,
  text: webLightTheme.colorNeutralForeground2,
};

const LABEL_OF: Record<HealthRange, string> = { "24h": "24 hours", "7d": "7 days" };

/** An hour on the axis, in UTC like every time in the portal: "14:00", or "12-03 14:00" over 7 days. */
const hourLabel = (start: string, range: HealthRange) => (range === "24h" ? start.slice(11, 16) : `${start.slice(5, 10)} ${start.slice(11, 16)}`);

const toChartData = (hours: HealthHour[], range: HealthRange) => hours.map((hour) => ({ ...hour, label: hourLabel(hour.start, range) }));

type DeliveryHealthChartProps = { registry: string; webhook: string; initialHealth: DeliveryHealth };

/**
 * The detail page's "Delivery health": attempts per UTC hour stacked by outcome, with p50 and
 * p95 response times on a second axis, over 24 hours or 7 days (Recharts: Fluent UI's own
 * charts surround their bars with Tabster's focusable aria-hidden elements, which fail axe).
 * A table of the same numbers follows for screen readers. Memoized, with its data: the detail
 * page renders again once hydrated and on every notice, and a Recharts chart given new data
 * draws itself again whole.
 */
export const DeliveryHealthChart = memo(({ registry, webhook, initialHealth }: DeliveryHealthChartProps) => {
  const styles = useStyles();
  const [range, setRange] = useState<HealthRange>(initialHealth.range);
  const query = useQuery({
    queryKey: webhookKeys.health(registry, webhook, range),
    queryFn: () => fetchJson<DeliveryHealth>(`${healthApiPath(registry, webhook)}?range=${range}`),
    initialData: range === initialHealth.range ? initialHealth : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: HEALTH_REFRESH_MS,
  });
  const health = query.data ?? initialHealth;
  const chartData = useMemo(() => toChartData(health.hours, health.range), [health]);
  // Drawn once the page is hydrated, in a transition: React then renders the chart in slices
  // between which the browser stays responsive. Drawn during hydration, its Recharts components
  // were a third of the page's longest task (the empty box it shows meanwhile is what the server
  // sends anyway: the chart needs the box's measured size).
  const [isDrawn, setIsDrawn] = useState(false);
  useEffect(() => startTransition(() => setIsDrawn(true)), []);
  const total = health.hours.reduce((sum, hour) => sum + hour.delivered + hour.retried + hour.failed, 0);
  const axisTick = { fill: COLORS.text };
  return (
    <section aria-labelledby="delivery-health-heading">
      <div className={styles.header}>
        <h2 id="delivery-health-heading" className="section-heading">
          Delivery health
        </h2>
        {/* Toggle buttons, not Fluent's Tab: Tab registers with Tabster, whose focusable aria-hidden elements fail axe. */}
        <div role="group" aria-label="Chart period" className={styles.periods}>
          {HEALTH_RANGES.map((value) => (
            <ToggleButton key={value} size="small" appearance="subtle" checked={range === value} onClick={() => setRange(value)}>
              {LABEL_OF[value]}
            </ToggleButton>
          ))}
        </div>
      </div>
      {query.isError && <ErrorMessage>The delivery chart could not be loaded: {query.error.message}</ErrorMessage>}
      {total === 0 && <Text className={styles.empty}>No attempts in the last {LABEL_OF[health.range]}.</Text>}
      {/* A picture for sighted users; screen readers get the table below instead. */}
      <div className={styles.chart} data-testid="delivery-health-chart" aria-hidden="true">
        {isDrawn && (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={chartData} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={COLORS.grid} vertical={false} />
              <XAxis dataKey="label" tick={axisTick} minTickGap={16} />
              <YAxis yAxisId="attempts" allowDecimals={false} tick={axisTick} label={{ value: "Attempts", angle: -90, position: "insideLeft", fill: COLORS.text }} />
              <YAxis yAxisId="ms" orientation="right" tick={axisTick} label={{ value: "ms", angle: 90, position: "insideRight", fill: COLORS.text }} />
              <Tooltip />
              <Legend />
              <Bar yAxisId="attempts" dataKey="delivered" name="Delivered" stackId="outcome" fill={COLORS.delivered} isAnimationActive={false} />
              <Bar yAxisId="attempts" dataKey="retried" name="Retried" stackId="outcome" fill={COLORS.retried} isAnimationActive={false} />
              <Bar yAxisId="attempts" dataKey="failed" name="Failed" stackId="outcome" fill={COLORS.failed} isAnimationActive={false} />
              <Line yAxisId="ms" dataKey="p50" name="p50 response time (ms)" stroke={COLORS.p50} dot={{ r: 2 }} strokeWidth={2} isAnimationActive={false} />
              <Line yAxisId="ms" dataKey="p95" name="p95 response time (ms)" stroke={COLORS.p95} dot={{ r: 2 }} strokeWidth={2} strokeDasharray="4 2" isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
      <HealthTable health={health} caption={`Attempts per hour (UTC), last ${LABEL_OF[health.range]}`} />
    </section>
  );
});
DeliveryHealthChart.displayName = "DeliveryHealthChart";
