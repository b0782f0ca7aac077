// ARM requires ?api-version= on every call and answers 400 when it is missing or not one the
// resource type knows. The portal speaks one shape whatever the version (webhooks have not
// changed shape since 2017-10-01), so it accepts Microsoft.ContainerRegistry's versions with
// webhooks, stable and preview (written from the published list; a version missing here is a
// one-line addition), and refuses the rest as ARM does.

/** The version @azure/arm-containerregistry 12 sends by default. */
export const SDK_API_VERSION = "2025-11-01";

export const ARM_API_VERSIONS = [
  "2017-10-01",
  "2019-05-01",
  "2019-12-01-preview",
  "2020-11-01-preview",
  "2021-06-01-preview",
  "2021-08-01-preview",
  "2021-09-01",
  "2021-12-01-preview",
  "2022-02-01-preview",
  "2022-12-01",
  "2023-01-01-preview",
  "2023-06-01-preview",
  "2023-07-01",
  "2023-08-01-preview",
  "2023-11-01-preview",
  "2024-11-01-preview",
  "2025-03-01-preview",
  "2025-04-01",
  "2025-05-01-preview",
  "2025-06-01-preview",
  SDK_API_VERSION,
] as const;

export type ApiVersionProblem = { code: "MissingApiVersionParameter" | "InvalidApiVersionParameter"; message: string };

/** ARM's refusal for the request's api-version, or null when it is one we accept. */
export const apiVersionProblem = (url: URL): ApiVersionProblem | null => {
  const version = url.searchParams.get("api-version");
  if (version === null || version === "") {
    return { code: "MissingApiVersionParameter", message: "The api-version query parameter (?api-version=) is required for all requests." };
  }
  if ((ARM_API_VERSIONS as readonly string[]).includes(version)) return null;
  return {
    code: "InvalidApiVersionParameter",
    message: `The api-version '${version}' is invalid. The supported versions are '${ARM_API_VERSIONS.join(",")}'.`,
  };
};
