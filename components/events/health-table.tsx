import { formatMs } from "@/lib/events/health-format";
import type { DeliveryHealth } from "@/lib/events/health-types";

/** "2026-12-03 11:00 UTC": an hour bucket as every portal time reads, in UTC. */
const hourText = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * The chart's numbers as a table, for screen readers (visually hidden: sighted users read the
 * chart and its tooltips). Every hour of the range is a row, empty hours too.
 */
export const HealthTable = ({ health, caption }: { health: DeliveryHealth; caption: string }) => (
  <table className="visually-hidden" aria-label="Delivery health by hour">
    <caption>{caption}</caption>
    <thead>
      <tr>
        <th scope="col">Hour</th>
        <th scope="col">Delivered</th>
        <th scope="col">Retried</th>
        <th scope="col">Failed</th>
        <th scope="col">p50 response time</th>
        <th scope="col">p95 response time</th>
      </tr>
    </thead>
    <tbody>
      {health.hours.map((hour) => (
        <tr key={hour.start}>
          <th scope="row">{hourText(hour.start)}</th>
          <td>{hour.delivered}</td>
          <td>{hour.retried}</td>
          <td>{hour.failed}</td>
          <td>{formatMs(hour.p50)}</td>
          <td>{formatMs(hour.p95)}</td>
        </tr>
      ))}
    </tbody>
  </table>
);
