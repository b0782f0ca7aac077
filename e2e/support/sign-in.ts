// The QA kit's sign-in (testing/sign-in.mjs): through the real sign-in page, as a person would.
export { signIn } from "registry-webhooks/testing";
