/**
 * How many seconds `meshifi status` waits for the cluster by default: a
 * CLI never hangs on a server that accepts the connection and stays silent.
 * Reading a product takes well under a second on a cluster that works.
 */
export const CLUSTER_TIMEOUT_SECONDS = 30;
