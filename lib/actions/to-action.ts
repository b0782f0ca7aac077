import "server-only";
import { forbidden } from "next/navigation";
import { actionCaller } from "../operations/callers";
import { OperationRefused, type Operation } from "../operations/operation";

/**
 * A server action for `operation`: the signed-in caller (401 without a session, 403 below the
 * operation's role), the operation's result turned into what the form or button shows by
 * `present`. Arguments arrive from the browser as sent: operations check them.
 */
export const toAction =
  <Args extends unknown[], Result, Answer>(operation: Operation<Args, Result>, present: (result: Result, ...args: Args) => Answer) =>
  async (...args: Args): Promise<Answer> => {
    const caller = await actionCaller(operation);
    try {
      return present(await operation(caller, ...args), ...args);
    } catch (error) {
      if (error instanceof OperationRefused) forbidden();
      throw error;
    }
  };
