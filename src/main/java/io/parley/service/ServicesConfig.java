package io.parley.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.parley.session.Channel;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/** The services, declared in configuration: {@code parley.services.<id>.*}. */
@ConfigMapping(prefix = "parley.services")
public interface ServicesConfig {

    /** Services by id (the id customers name in their requests). */
    @WithParentName
    Map<String, ServiceConfig> services();

    interface ServiceConfig {

        /** Display name. */
        String name();

        /** Behaviour kind: {@code routed}, {@code direct}, {@code subject-room}, or a custom kind's name. */
        @WithDefault("routed")
        String behaviour();

        /** Media channels offered besides control: {@code chat}, {@code page-push}, {@code voice}. */
        @WithDefault("chat")
        List<Channel> media();

        Routing routing();

        /** Subject to the skills it needs: {@code billing} or {@code billing>=7} (minimum level 1..10). */
        Map<String, List<String>> subjects();

        /**
         * Canned replies the service's CSRs insert in the console with {@code /} and a few letters: name (lower-case
         * letters, digits, dashes) to text.
         */
        Map<String, String> replies();

        Allow allow();

        Limits limits();

        Transfer transfer();

        PagePush pagePush();

        Voice voice();

        ServiceLevel serviceLevel();

        Priority priority();
    }

    /**
     * Who is offered first: a waiting session's priority is its subject's ({@code subjects}, 0 when not named) plus
     * {@code vip} when its customer's reference (the id or label it was named by) is one of {@code vip-customers}.
     * Higher priority is offered first; equal priority, longest waiting first.
     */
    interface Priority {

        /** Subject to priority, e.g. {@code {billing: 5}}. */
        Map<String, Integer> subjects();

        /** What a VIP customer adds. */
        @WithDefault("10")
        int vip();

        /** Customer references that are VIPs. */
        Optional<List<String>> vipCustomers();
    }

    /**
     * What the service promises: {@code goal} percent of waits answered within {@code target} (waits abandoned count
     * against it). The wallboard and {@code parley_service_level} show how it does over the rolling window.
     */
    interface ServiceLevel {

        @WithDefault("20s")
        Duration target();

        /** Percent, 1 to 100. */
        @WithDefault("80")
        int goal();
    }

    interface Routing {

        /**
         * How a CSR is picked among those that fit: {@code longest-idle}, {@code round-robin},
         * {@code least-busy}, {@code least-talk-time}, {@code most-skilled}, {@code top-down},
         * {@code ring-all} or {@code random}.
         */
        @WithDefault("longest-idle")
        String strategy();

        /** Agent ids in the order {@code top-down} tries them. */
        Optional<List<String>> order();

        /** How long an offer waits for the CSR's answer. */
        @WithDefault("20s")
        Duration offerTimeout();

        /** How long a customer waits in the queue before overflowing or ending. */
        @WithDefault("5m")
        Duration queueTimeout();

        /**
         * How long a CSR who declined or let an offer time out is passed over for that customer while nobody
         * else can take it; then it is offered the customer again (a CSR who becomes ready again, by
         * setting itself available, is offered at once).
         */
        @WithDefault("10s")
        Duration retryAfter();

        /** The service a request overflows to after the queue time-out; without one, the request ends. */
        Optional<String> overflow();

        /** The after-session time of a CSR who leaves a session of this service; no offers arrive meanwhile. */
        @WithDefault("0s")
        Duration wrapUp();

        /**
         * Requirements relaxed as the wait grows, e.g. {@code [{after: 60s, subjects: {billing: [billing>=3]}}]}:
         * after 60 s a billing request takes a CSR with billing level 3 or more.
         */
        Optional<List<EscalationStep>> escalations();
    }

    interface EscalationStep {

        /** How long a request waits before this step applies. */
        Duration after();

        /** Subject to the skills it needs from this step on, in the form of {@code subjects}. */
        Map<String, List<String>> subjects();
    }

    interface Allow {

        /** A CSR may conference in a second CSR. */
        @WithDefault("true")
        boolean conference();

        /** A CSR may transfer the customer to a second CSR. */
        @WithDefault("true")
        boolean transfer();

        /** A customer may invite other endpoints. */
        @WithDefault("false")
        boolean customerInvites();

        /** A supervisor may monitor the service's sessions: listen and read, unseen by the customer. */
        @WithDefault("true")
        boolean monitor();

        /** A supervisor may whisper: coach the CSRs in chat and voice the customer never gets. */
        @WithDefault("true")
        boolean whisper();

        /** A supervisor may barge in: join openly, as a CSR would, and take the session over. */
        @WithDefault("true")
        boolean barge();

        /** An agent may pick a waiting customer from the queue (the console's queue view) instead of an offer. */
        @WithDefault("false")
        boolean pick();
    }

    interface Limits {

        /** CSRs in one session at once (a transfer under way may exceed it by one). */
        @WithDefault("3")
        int maxCsrs();

        /** Endpoints in one session at once. */
        @WithDefault("10")
        int maxParticipants();
    }

    interface Transfer {

        /** How long the second CSR of a transfer has to connect before the transfer fails. */
        @WithDefault("30s")
        Duration timeout();
    }

    interface Voice {

        /**
         * Record the session's voice: each leg's frames to a file of its own (Ogg Opus or WAV) under
         * {@code parley.recordings.directory}. Needs {@code voice} among the media.
         */
        @WithDefault("false")
        boolean record();
    }

    interface PagePush {

        /** Origins a page push may navigate to. */
        Optional<List<String>> allowedOrigins();
    }
}
