package io.parley.bench;

/**
 * What the load client measured in one step: events whose intended time fell in the measured window, how many
 * arrived within the deadline, and the latency percentiles of those (milliseconds, from the intended time).
 *
 * @param offered the offered rate (events per second), or the number of sockets for a one-shot step
 */
record StepResult(String label, double offered, double seconds, long sent, long delivered, long lost, double p50,
        double p99, double p999, double max) {

    double deliveredPerSecond() {
        return seconds <= 0 ? 0 : delivered / seconds;
    }

    /** The step did not keep up: more than 1 % lost, under 90 % of the offered rate delivered, or p99 over 2 s. */
    boolean collapsed() {
        return lost > sent / 100 || (offered > 0 && deliveredPerSecond() < 0.9 * offered) || p99 > 2000;
    }
}
