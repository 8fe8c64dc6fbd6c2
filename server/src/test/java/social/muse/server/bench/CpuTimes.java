package social.muse.server.bench;

import org.jdbi.v3.core.Jdbi;

/** CPU seconds of this JVM (server and client together) and of PostgreSQL (postmaster and its backends). */
record CpuTimes(double jvm, double postgres) {
    static CpuTimes now(ProcessHandle postmaster) {
        double pg = cpu(postmaster) + postmaster.descendants().mapToDouble(CpuTimes::cpu).sum();
        return new CpuTimes(cpu(ProcessHandle.current()), pg);
    }

    private static double cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** PostgreSQL's postmaster: the parent of the backend serving one of {@code jdbi}'s connections. */
    static ProcessHandle postmaster(Jdbi jdbi) {
        int backend = jdbi.withHandle(h -> h.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one());
        return ProcessHandle.of(backend).flatMap(ProcessHandle::parent)
                .orElseThrow(() -> new IllegalStateException("PostgreSQL's postmaster is not visible"));
    }

    CpuTimes minus(CpuTimes before) {
        return new CpuTimes(jvm - before.jvm, postgres - before.postgres);
    }
}
