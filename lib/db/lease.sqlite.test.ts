import { describeLease } from "./lease.suite";

describeLease("sqlite");
