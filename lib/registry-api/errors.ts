// Why a registry's API could not be read, in words an admin can act on. These messages reach
// the Create and Configure forms as they are; nothing else about the failure does.

export type RegistryApiFailure =
  | "unreachable"
  | "timeout"
  | "unauthorized"
  | "forbidden"
  | "not-registry"
  | "no-catalog"
  | "too-large"
  | "redirected"
  | "blocked"
  | "failed";

export class RegistryApiError extends Error {
  constructor(
    readonly failure: RegistryApiFailure,
    message: string,
  ) {
    super(message);
    this.name = "RegistryApiError";
  }
}

export const failureMessage = {
  unreachable: (address: string) => `The registry API at ${address} cannot be reached (connection refused or host not found).`,
  timeout: (address: string, ms: number) => `The registry API at ${address} did not answer within ${ms / 1000} seconds.`,
  unauthorized: (hasCredentials: boolean) =>
    hasCredentials
      ? "The registry refused the username and password set on the registry page (401). Check them."
      : "The registry API needs credentials (401): set a username and password on the registry page.",
  forbidden: () => "The registry's credentials may not list its repositories and tags (403).",
  notRegistry: (address: string) => `${address} answered, but not like a container registry API (/v2/_catalog).`,
  noCatalog: (status: number) => `The registry does not list its repositories (/v2/_catalog answered ${status}).`,
  tooLarge: (bytes: number) => `The registry sent an answer larger than ${Math.round(bytes / 1024 / 1024)} MB; the preview stopped.`,
  blocked: (reason: string) => `The outbound policy refuses the registry API's address: ${reason}.`,
  redirected: () => "The registry API redirected to another host; the preview does not follow it.",
  failed: (status: number) => `The registry API answered ${status}.`,
} as const;
