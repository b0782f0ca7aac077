import { describePruning } from "./pruning.suite";

describePruning("postgresql");
