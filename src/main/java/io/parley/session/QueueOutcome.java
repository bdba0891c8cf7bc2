package io.parley.session;

/** How a wait in a service's queue ended: the figures supervisors watch count these. */
public enum QueueOutcome implements WireName {
    /** A CSR accepted the offer. */
    ANSWERED,
    /** The customer left while waiting. */
    ABANDONED,
    /** The queue time-out passed and the request moved to the overflow service. */
    OVERFLOWED,
    /** The queue time-out passed with nowhere to overflow to. */
    TIMED_OUT,
    /** The wait was cancelled: the session ended, or the CSR who asked left. */
    CANCELLED,
    /** A CSR in the session called off its conference or transfer. */
    CALLED_OFF,
    /** The CSR named for a conference or transfer declined, did not answer in time, or became unavailable. */
    DECLINED
}
