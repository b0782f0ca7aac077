import Link from "next/link";

/** A session that ended (signed out elsewhere, or expired) while the page was open. */
const Unauthorized = () => (
  <div>
    <h1 className="blade-title">Sign in again</h1>
    <p>Your session has ended.</p>
    <p>
      <Link href="/sign-in">Sign in</Link>
    </p>
  </div>
);

export default Unauthorized;
