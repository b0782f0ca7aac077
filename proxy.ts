import { NextResponse, type NextRequest } from "next/server";

/**
 * Next.js answers a bare "Internal Server Error" when a path has a malformed %-escape
 * (it cannot decode the route parameter). Catch that first and explain it instead.
 */
export const proxy = (request: NextRequest) => {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse("Bad request: the address contains a malformed %-escape.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return NextResponse.next();
};

export const config = { matcher: ["/registries/:path*", "/api/:path*"] };
