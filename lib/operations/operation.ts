import { hasRole, ROLE_LABELS, type Role } from "../auth/roles";

// The one door: every operation a user can trigger (create a webhook, ping, add a user, read
// the events, ...) is declared here with the least role it needs. Pages, server actions and
// route handlers are adapters that find out who is calling and hand the call over; the
// operation refuses a caller below its role before it does anything else, so a new adapter
// cannot forget the check. lib/operations/catalog.ts lists every declared operation.

/** Who is calling: a user through their session, or through one of their API tokens. */
export type Principal = { id: string; email: string; name: string; role: Role; via: "session" | "token" };

/** The principal and where the request came from (for the audit log and rate limits). */
export type Caller = { principal: Principal; ipAddress: string };

export type Operation<Args extends unknown[], Result> = {
  (caller: Caller, ...args: Args): Promise<Result>;
  /** Its name in the catalog and in refusals, e.g. "webhooks.create". */
  readonly operationName: string;
  /** The least role that may run it (Owner ⊃ Contributor ⊃ Reader). */
  readonly least: Role;
};

// Any operation, whatever its arguments: for adapters and the catalog.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any[], unknown>;

/** Thrown when a caller below the operation's role calls it; adapters answer 403. */
export class OperationRefused extends Error {
  constructor(
    readonly operationName: string,
    readonly least: Role,
    readonly role: Role,
  ) {
    super(refusalMessage(least, role));
    this.name = "OperationRefused";
  }
}

/** What a refused caller is told (the REST API's 403 message). */
export const refusalMessage = (least: Role, role: Role) => `This needs the ${ROLE_LABELS[least]} role; you have ${ROLE_LABELS[role]}.`;

/** Whether `role` may run `operation`: what pages ask before they offer a control. */
export const allows = (operation: Pick<AnyOperation, "least">, role: Role) => hasRole(role, operation.least);

/** Declares an operation: `run` is only reached by a caller with at least `least`. */
export const defineOperation = <Args extends unknown[], Result>(
  operationName: string,
  least: Role,
  run: (caller: Caller, ...args: Args) => Promise<Result>,
): Operation<Args, Result> => {
  const operation = async (caller: Caller, ...args: Args) => {
    if (!allows({ least }, caller.principal.role)) throw new OperationRefused(operationName, least, caller.principal.role);
    return run(caller, ...args);
  };
  return Object.assign(operation, { operationName, least });
};
