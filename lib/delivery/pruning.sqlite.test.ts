import { describePruning } from "./pruning.suite";

describePruning("sqlite");
