import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "../forms/field-errors";
import { SAMPLE_ACTION_MESSAGE, sampleRequestSchema } from "./sample-schema";

describe("sampleRequestSchema", () => {
  it.each(["push", "delete"])("takes { action: %s }", (action) => {
    expect(sampleRequestSchema.parse({ action })).toEqual({ action });
  });

  it.each([
    { body: {}, field: "action", message: SAMPLE_ACTION_MESSAGE },
    { body: { action: "ping" }, field: "action", message: SAMPLE_ACTION_MESSAGE },
    { body: { action: "PUSH" }, field: "action", message: SAMPLE_ACTION_MESSAGE },
    { body: { action: ["push"] }, field: "action", message: SAMPLE_ACTION_MESSAGE },
    { body: { action: "push", tag: "v2" }, field: "form", message: 'Unrecognized key: "tag"' },
  ])("refuses $body with its message", ({ body, field, message }) => {
    const parsed = sampleRequestSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldErrorsOf(parsed.error)).toEqual({ [field]: message });
  });
});
