import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "../forms/field-errors";
import { registryApiSchema } from "./api-settings";
import { registrySchema } from "./schema";

const errorsFor = (values: Record<string, unknown>) => {
  const parsed = registryApiSchema.safeParse({ apiAddress: "http://127.0.0.1:5000", apiUsername: "", apiPassword: "", ...values });
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
};

describe("the registry API settings", () => {
  it.each([
    { field: "apiAddress", value: "http://127.0.0.1:5000", error: undefined },
    { field: "apiAddress", value: "https://registry.example.com/", error: undefined },
    { field: "apiAddress", value: "http://[::1]:5000", error: undefined },
    { field: "apiAddress", value: "", error: undefined },
    { field: "apiAddress", value: "registry.example.com:5000", error: /Start the API address with http:\/\// },
    { field: "apiAddress", value: "http://", error: /absolute URL/ },
    { field: "apiAddress", value: "ftp://registry.example.com", error: "The API address must start with http:// or https://." },
    { field: "apiAddress", value: "https://ci:secret@registry.example.com", error: /not in the address/ },
    { field: "apiAddress", value: "https://registry.example.com/v2/", error: /without a path/ },
    { field: "apiAddress", value: "https://regi\u00adstry.example.com", error: /cannot contain invisible characters/ },
    { field: "apiAddress", value: "https://registry.example.com\\", error: /cannot contain a backslash/ },
    { field: "apiAddress", value: "https://registry.example.com?x=1", error: /without a path, query/ },
    { field: "apiAddress", value: "https://registry.example.com\r\nX: 1", error: /control characters/ },
    { field: "apiAddress", value: "https://registry.exa mple.com", error: /spaces/ },
    { field: "apiAddress", value: `https://${"a".repeat(2050)}.com`, error: /at most 2048/ },
    { field: "apiUsername", value: "robot$ci", error: undefined },
    { field: "apiUsername", value: "a:b", error: 'The username cannot contain ":".' },
    { field: "apiUsername", value: "a\u0000b", error: /control characters/ },
    { field: "apiPassword", value: "with spaces and : colons", error: /username that goes with/ },
  ])("$field = '$value'", ({ field, value, error }) => {
    const errors = errorsFor({ [field]: value });
    if (error === undefined) expect(errors).toEqual({});
    else expect(errors[field === "apiPassword" ? "apiUsername" : field]).toMatch(error);
  });

  it("takes a password with a username, and refuses control characters in it", () => {
    expect(errorsFor({ apiUsername: "ci", apiPassword: " spaces kept: yes " })).toEqual({});
    expect(errorsFor({ apiUsername: "ci", apiPassword: "line\nbreak" })).toEqual({ apiPassword: "The password cannot contain control characters." });
    expect(registryApiSchema.parse({ apiAddress: "http://127.0.0.1:5000", apiUsername: "ci", apiPassword: " p " }).apiPassword).toBe(" p ");
  });

  it("wants an address before credentials", () => {
    expect(errorsFor({ apiAddress: "", apiUsername: "ci", apiPassword: "x" })).toEqual({ apiAddress: "Enter the API address the credentials are for." });
  });

  it("are optional on the Add registry form and checked there too", () => {
    expect(registrySchema.safeParse({ name: "myregistry", host: "r.example.com" }).success).toBe(true);
    const parsed = registrySchema.safeParse({ name: "myregistry", host: "r.example.com", apiAddress: "ftp://r.example.com" });
    expect(parsed.success ? {} : fieldErrorsOf(parsed.error)).toEqual({ apiAddress: "The API address must start with http:// or https://." });
  });
});
