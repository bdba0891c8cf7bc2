package io.parley.bench;

import java.util.List;

/**
 * What one load-client process does, written by the driver as JSON and read by {@link LoadClient}.
 *
 * @param scenario {@code chat}, {@code voice}, {@code setup}, {@code idle}, {@code reconnect}, {@code bystanders}
 *        (chat in a quiet and a flood window) or {@code flood} (the flooders, {@link FloodRun})
 * @param relay true against {@link RelayServer}: rooms need no REST, channels are the relay's paths
 * @param csrBase base URL ({@code http://127.0.0.1:port}) the CSRs' requests and channels go to
 * @param visitorBase the same for the visitors (another replica in the replicas modes)
 * @param localAddress source address of this client's sockets (127.0.0.x), for more sockets than one has ports
 * @param rooms rooms (two participants each) this client drives
 * @param firstRoom number of its first room (rooms of several clients do not overlap)
 * @param subjects prefix of the rooms' subjects, unique per run so that rooms are new
 * @param agents the CSRs {@code bench-0..agents-1} that open the rooms
 * @param rates offered rates (events per second), stepped until one collapses
 * @param prime seconds of unmeasured traffic at the first rate before the first step's warm-up (a fresh JVM's
 *        JIT, pools and caches)
 * @param warmup seconds of traffic before each measured window
 * @param measure seconds of each measured window
 * @param deadline seconds after which an event not delivered counts as lost
 * @param payload bytes of a voice frame's payload (after its 12-byte header)
 * @param floods the {@code flood} scenario's kinds of flooder ({@link FloodRun#KINDS}); empty for every kind
 */
record ClientJob(String scenario, boolean relay, String csrBase, String visitorBase, String localAddress, int rooms,
        int firstRoom, String subjects, int agents, List<Double> rates, double prime, double warmup, double measure,
        double deadline, int payload, List<String> floods) {

    /** A job of any scenario but {@code flood}. */
    ClientJob(String scenario, boolean relay, String csrBase, String visitorBase, String localAddress, int rooms,
            int firstRoom, String subjects, int agents, List<Double> rates, double prime, double warmup,
            double measure, double deadline, int payload) {
        this(scenario, relay, csrBase, visitorBase, localAddress, rooms, firstRoom, subjects, agents, rates, prime,
                warmup, measure, deadline, payload, List.of());
    }
}
