import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "../forms/field-errors";
import { registrySchema } from "./schema";

const errorsFor = (values: Record<string, unknown>) => {
  const parsed = registrySchema.safeParse({ name: "myregistry", host: "registry.example.com:5000", ...values });
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
};

describe("registrySchema", () => {
  it.each([
    { field: "name", value: "myregistry", error: undefined },
    { field: "name", value: "", error: "Enter a registry name." },
    { field: "name", value: "My-Registry", error: /lowercase letters/ },
    { field: "name", value: "reg", error: /5 to 50 characters/ },
    { field: "host", value: "registry.example.com", error: undefined },
    { field: "host", value: "127.0.0.1:5000", error: undefined },
    { field: "host", value: "[::1]:5000", error: undefined },
    { field: "host", value: "", error: /Enter the registry's host/ },
    { field: "host", value: "https://registry.example.com", error: /without http:\/\/ or https:\/\// },
    { field: "host", value: "registry.example.com/path", error: /host name or IP address/ },
    { field: "host", value: "bad_host:5000", error: /host name or IP address/ },
    { field: "host", value: "registry:70000", error: "The port must be between 1 and 65535." },
  ])("$field = '$value'", ({ field, value, error }) => {
    const errors = errorsFor({ [field]: value });
    if (error === undefined) expect(errors).toEqual({});
    else expect(errors[field]).toMatch(error);
  });
});
