package io.parley.bench;

import io.vertx.core.Future;

/** One kind of hostile client of the {@code flood} mode, driven on an event loop of its own. */
interface Flooder {

    /** Which kind it is ({@link FloodRun#KINDS}). */
    String kind();

    /** Whatever it needs before the flood (rooms, connections, its code warmed up); counts nothing. */
    Future<Void> prepare();

    /** Floods until {@link #stop()}. */
    void start();

    /** Stops flooding; answers what it sent and what became of it. */
    FloodTally stop();
}
