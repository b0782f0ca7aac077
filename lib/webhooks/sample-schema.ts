import { z } from "zod";

// "Send sample": one schema for the blade's menu, the server action, the REST API's
// POST .../sample and its OpenAPI description, and the CLI's --action choices.

export const SAMPLE_ACTIONS = ["push", "delete"] as const;
export type SampleAction = (typeof SAMPLE_ACTIONS)[number];

export const SAMPLE_ACTION_MESSAGE = 'action must be "push" or "delete".';

export const sampleRequestSchema = z.strictObject({
  action: z
    .enum(SAMPLE_ACTIONS, { error: SAMPLE_ACTION_MESSAGE })
    .meta({ description: "Which event the sample stands for: an image pushed with a tag, or a manifest deleted.", examples: ["push"] }),
});

export type SampleRequest = z.output<typeof sampleRequestSchema>;
