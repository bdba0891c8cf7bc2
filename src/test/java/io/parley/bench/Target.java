package io.parley.bench;

import java.util.List;

/** What the load client is pointed at: Parley (one or two replicas and their PostgreSQL) or the relay. */
interface Target extends AutoCloseable {

    String name();

    boolean relay();

    /** Base URL ({@code http://127.0.0.1:port}) the CSRs use. */
    String csrBase();

    /** Base URL the visitors use: another replica's when there are two. */
    String visitorBase();

    /** The server processes (the JVMs, and a NATS server beside them when there is one). */
    List<Long> serverPids();

    /**
     * The server JVMs alone: {@code jcmd} reads their heaps, and would stop any other process (it attaches with
     * {@code SIGQUIT}).
     */
    default List<Long> jvmPids() {
        return serverPids();
    }

    /** PostgreSQL's postmaster (its backends are under it), or 0 when there is none. */
    long dbPid();

    /** CPU seconds the servers and the database have used so far. */
    default double[] cpuSeconds() {
        double servers = serverPids().stream().mapToDouble(ProcStats::cpuSeconds).sum();
        return new double[] {servers, dbPid() == 0 ? 0 : ProcStats.treeCpuSeconds(dbPid())};
    }

    /** Resident memory of the server JVMs together, in MiB. */
    default double rssMb() {
        return serverPids().stream().mapToLong(ProcStats::rssKb).sum() / 1024.0;
    }

    /** Heap in use in the server JVMs together, in MiB (after a full collection if asked). */
    default double heapMb(boolean collectFirst) {
        return jvmPids().stream().mapToLong(pid -> ProcStats.heapUsedKb(pid, collectFirst)).sum() / 1024.0;
    }

    @Override
    void close();
}
