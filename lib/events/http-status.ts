// How an event's outcome reads in the HTTP status column: "200 OK", "503 Service Unavailable",
// or the failure in words ("Connection refused", "Timed out after 10 s").

export type EventOutcome = { responseStatus: number | null; responseReason: string | null; error: string | null };

export const httpStatusText = ({ responseStatus, responseReason, error }: EventOutcome): string => {
  if (error) return error;
  if (responseStatus === null) return "No response";
  return `${responseStatus} ${responseReason ?? ""}`.trim();
};

export const isSuccessful = ({ responseStatus, error }: EventOutcome): boolean =>
  error === null && responseStatus !== null && responseStatus >= 200 && responseStatus < 300;

/** The outcome fields of a just-finished attempt, as they will be stored. */
export const outcomeOf = (result: {
  response: { status: number; reason: string } | null;
  error: string | null;
}): EventOutcome => ({
  responseStatus: result.response?.status ?? null,
  responseReason: result.response?.reason ?? null,
  error: result.error,
});
