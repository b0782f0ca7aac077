import Link from "next/link";

const NotFound = () => (
  <div>
    <h1 className="blade-title">Not found</h1>
    <p>The registry or webhook you asked for does not exist. It may have been deleted or renamed.</p>
    <p>
      <Link href="/">Go to the Webhooks blade</Link>
    </p>
  </div>
);

export default NotFound;
