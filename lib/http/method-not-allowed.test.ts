import { describe, expect, it } from "vitest";
import { methodNotAllowed } from "./method-not-allowed";

const handlers = methodNotAllowed(["POST"], "Send it as POST.");
const getOnly = methodNotAllowed(["GET", "HEAD"], "Send GET.");

describe("methodNotAllowed", () => {
  it.each(["GET", "PUT", "PATCH", "DELETE"] as const)("answers %s with 405, Allow and what to send", async (method) => {
    const response = handlers[method](new Request("http://portal.invalid/api/x", { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("OPTIONS, POST");
    expect(await response.json()).toEqual({
      error: { code: "MethodNotAllowed", message: `${method} is not accepted here. Send it as POST.` },
    });
  });

  it("answers OPTIONS with 204 and the same Allow", () => {
    const response = handlers.OPTIONS();
    expect(response.status).toBe(204);
    expect(response.headers.get("Allow")).toBe("OPTIONS, POST");
  });

  it("refuses POST for a route that only reads", async () => {
    const response = getOnly.POST(new Request("http://portal.invalid/api/x", { method: "POST" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
  });
});
