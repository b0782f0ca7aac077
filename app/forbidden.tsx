import Link from "next/link";

/** What a role may not open (Next.js answers 403 with it). */
const Forbidden = () => (
  <div>
    <h1 className="blade-title">You do not have access</h1>
    <p>Your role does not allow this. Ask an Owner for the Contributor role to change webhooks, or Owner to manage users.</p>
    <p>
      <Link href="/">Go to the Webhooks blade</Link>
    </p>
  </div>
);

export default Forbidden;
