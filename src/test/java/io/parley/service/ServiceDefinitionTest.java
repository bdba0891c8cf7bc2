package io.parley.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.parley.routing.StrategyKind;
import io.parley.session.Channel;
import io.parley.session.EndpointKind;
import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.ServiceSession;
import io.parley.session.SessionState;

/** Configuration mistakes are all reported, each naming its key. */
class ServiceDefinitionTest {

    private static final Set<String> KINDS = Set.of("routed", "direct", "subject-room");

    /** A service configuration as SmallRye would map it. */
    record Config(String name, String behaviour, List<Channel> media, Routing routing,
            Map<String, List<String>> subjects, int maxCsrs, boolean record, Map<String, String> replies,
            Duration target, int goal, Map<String, Integer> priorities) implements ServicesConfig.ServiceConfig {

        Config(String name, String behaviour, List<Channel> media, Routing routing,
                Map<String, List<String>> subjects, int maxCsrs, boolean record, Map<String, String> replies) {
            this(name, behaviour, media, routing, subjects, maxCsrs, record, replies, Duration.ofSeconds(20), 80,
                    Map.of());
        }

        Config(String name, String behaviour, List<Channel> media, Routing routing,
                Map<String, List<String>> subjects, int maxCsrs, boolean record) {
            this(name, behaviour, media, routing, subjects, maxCsrs, record, Map.of());
        }

        Config(String name, String behaviour, List<Channel> media, Routing routing,
                Map<String, List<String>> subjects, int maxCsrs) {
            this(name, behaviour, media, routing, subjects, maxCsrs, false);
        }

        public ServicesConfig.Voice voice() {
            return this::record;
        }

        public ServicesConfig.Allow allow() {
            return new ServicesConfig.Allow() {
                public boolean conference() {
                    return true;
                }

                public boolean transfer() {
                    return true;
                }

                public boolean customerInvites() {
                    return false;
                }

                public boolean monitor() {
                    return true;
                }

                public boolean whisper() {
                    return true;
                }

                public boolean barge() {
                    return false;
                }

                public boolean pick() {
                    return false;
                }
            };
        }

        public ServicesConfig.Limits limits() {
            return new ServicesConfig.Limits() {
                public int maxCsrs() {
                    return maxCsrs;
                }

                public int maxParticipants() {
                    return 10;
                }
            };
        }

        public ServicesConfig.Transfer transfer() {
            return () -> Duration.ofSeconds(30);
        }

        public ServicesConfig.PagePush pagePush() {
            return Optional::empty;
        }

        public ServicesConfig.Priority priority() {
            return new ServicesConfig.Priority() {
                public Map<String, Integer> subjects() {
                    return priorities;
                }

                public int vip() {
                    return 10;
                }

                public Optional<List<String>> vipCustomers() {
                    return Optional.of(List.of("ann@example.com"));
                }
            };
        }

        public ServicesConfig.ServiceLevel serviceLevel() {
            return new ServicesConfig.ServiceLevel() {
                public Duration target() {
                    return target;
                }

                public int goal() {
                    return goal;
                }
            };
        }
    }

    record Routing(String strategy, Optional<String> overflow, List<ServicesConfig.EscalationStep> steps)
            implements ServicesConfig.Routing {

        Routing(String strategy, Optional<String> overflow) {
            this(strategy, overflow, List.of());
        }

        public Optional<List<String>> order() {
            return Optional.empty();
        }

        public Duration wrapUp() {
            return Duration.ofSeconds(10);
        }

        public Optional<List<ServicesConfig.EscalationStep>> escalations() {
            return Optional.of(steps);
        }

        public Duration offerTimeout() {
            return Duration.ofSeconds(20);
        }

        public Duration queueTimeout() {
            return Duration.ofMinutes(5);
        }

        public Duration retryAfter() {
            return Duration.ofSeconds(10);
        }
    }

    private static Config valid() {
        return new Config("Sales", "routed", List.of(Channel.CHAT, Channel.VOICE),
                new Routing("longest-idle", Optional.empty()), Map.of("billing", List.of("billing>=7", "sales")), 3);
    }

    @Test
    void aValidServiceBecomesADefinition() {
        var checked = ServiceDefinition.check("sales", valid(), KINDS, Set.of("sales"));
        assertThat(checked).isInstanceOf(ServiceDefinition.Checked.Valid.class);
        ServiceDefinition definition = ((ServiceDefinition.Checked.Valid) checked).definition();
        assertThat(definition.routing().strategy()).isEqualTo(StrategyKind.LONGEST_IDLE);
        assertThat(definition.requirementFor("billing").minimumLevels()).containsEntry("billing", 7)
                .containsEntry("sales", 1);
        assertThat(definition.media()).containsExactlyInAnyOrder(Channel.CHAT, Channel.VOICE);
    }

    record Step(Duration after, Map<String, List<String>> subjects) implements ServicesConfig.EscalationStep {
    }

    @Test
    void escalationsRelaxARequirementAfterAWaitAndAreChecked() {
        Config escalating = new Config("Sales", "routed", List.of(Channel.CHAT), new Routing("round-robin",
                Optional.empty(), List.of(new Step(Duration.ofSeconds(60), Map.of("billing", List.of("billing>=3"))))),
                Map.of("billing", List.of("billing>=7")), 3);
        ServiceDefinition definition = ((ServiceDefinition.Checked.Valid) ServiceDefinition.check("sales", escalating,
                KINDS, Set.of("sales"))).definition();
        assertThat(definition.routing().wrapUp()).hasSeconds(10);
        assertThat(definition.requirementFor("billing", Duration.ofSeconds(59)).minimumLevels())
                .containsEntry("billing", 7);
        assertThat(definition.requirementFor("billing", Duration.ofSeconds(60)).minimumLevels())
                .containsEntry("billing", 3);

        Config broken = new Config("Sales", "routed", List.of(Channel.CHAT), new Routing("ring-all", Optional.empty(),
                List.of(new Step(Duration.ZERO, Map.of("legal", List.of("law>=11"))))),
                Map.of("billing", List.of("billing>=7")), 3);
        assertThat(ServiceCatalogue.validate(Map.of("sales", broken), KINDS)).containsExactlyInAnyOrder(
                "parley.services.sales.routing.escalations[0].after: must be longer than zero",
                "parley.services.sales.routing.escalations[0].subjects.legal: 'law>=11' — skill levels are 1..10",
                "parley.services.sales.routing.escalations[0].subjects.legal: not a subject of this service");
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        Config broken = new Config("Support", "routd", List.of(Channel.CONTROL), new Routing("cheapest",
                Optional.of("salez")), Map.of("billing", List.of("billing>=12", "Bad Skill")), 0);
        var problems = ServiceCatalogue.validate(Map.of("support", broken), KINDS);
        assertThat(problems).containsExactlyInAnyOrder(
                "parley.services.support.behaviour: 'routd' is not one of [direct, routed, subject-room]",
                "parley.services.support.media: control is always there; list only chat, page-push and voice",
                "parley.services.support.media: at least one of chat, page-push, voice",
                "parley.services.support.routing.strategy: 'cheapest' is not one of: longest-idle, round-robin, "
                        + "least-busy, least-talk-time, most-skilled, top-down, ring-all, random",
                "parley.services.support.routing.overflow: no service named 'salez'",
                "parley.services.support.subjects.billing: 'billing>=12' — skill levels are 1..10",
                "parley.services.support.subjects.billing: 'Bad Skill' is not 'skill' or 'skill>=level'",
                "parley.services.support.limits.max-csrs: at least 1, got 0");
    }

    @Test
    void recordingNeedsTheVoiceMedium() {
        Config chatOnly = new Config("Sales", "routed", List.of(Channel.CHAT), new Routing("longest-idle",
                Optional.empty()), Map.of(), 3, true);
        assertThat(ServiceCatalogue.validate(Map.of("sales", chatOnly), KINDS)).containsExactly(
                "parley.services.sales.voice.record: recording needs the voice medium; add voice to "
                        + "parley.services.sales.media");
        Config recorded = new Config("Sales", "routed", List.of(Channel.CHAT, Channel.VOICE), new Routing(
                "longest-idle", Optional.empty()), Map.of(), 3, true);
        assertThat(((ServiceDefinition.Checked.Valid) ServiceDefinition.check("sales", recorded, KINDS,
                Set.of("sales"))).definition().recordVoice()).isTrue();
        assertThat(((ServiceDefinition.Checked.Valid) ServiceDefinition.check("sales", valid(), KINDS,
                Set.of("sales"))).definition().recordVoice()).isFalse();
    }

    @Test
    void cannedRepliesAreListedByNameAndChecked() {
        Config replying = new Config("Sales", "routed", List.of(Channel.CHAT), new Routing("longest-idle",
                Optional.empty()), Map.of(), 3, false,
                Map.of("thanks", "Thank you for waiting.", "greeting",
                        "Hello, how can I help?"));
        var valid = (ServiceDefinition.Checked.Valid) ServiceDefinition.check("sales", replying, KINDS,
                Set.of("sales"));
        assertThat(valid.definition().replies()).extracting(ServiceDefinition.Reply::name)
                .containsExactly("greeting", "thanks");

        Config broken = new Config("Sales", "routed", List.of(Channel.CHAT), new Routing("longest-idle",
                Optional.empty()), Map.of(), 3, false,
                Map.of("Bad Name", "x", "empty", " ", "long", "x".repeat(4001)));
        String key = "parley.services.sales.replies.";
        List<String> problems = ((ServiceDefinition.Checked.Invalid) ServiceDefinition.check("sales", broken, KINDS,
                Set.of("sales"))).problems();
        assertThat(problems).containsExactlyInAnyOrder(
                key + "Bad Name: a reply's name is lower-case letters, digits and dashes (at most 32)",
                key + "empty: the text is 1 to 4000 characters", key + "long: the text is 1 to 4000 characters");
    }

    @Test
    void aServiceLevelIsATargetTimeAndAPercentGoal() {
        Config usual = new Config("Sales", "routed", List.of(Channel.CHAT), new Routing("longest-idle",
                Optional.empty()), Map.of(), 3);
        assertThat(((ServiceDefinition.Checked.Valid) ServiceDefinition.check("sales", usual, KINDS, Set.of("sales")))
                .definition().serviceLevel()).isEqualTo(ServiceDefinition.ServiceLevel.USUAL);
        Config nonsense = new Config("Sales", "routed", List.of(Channel.CHAT), new Routing("longest-idle",
                Optional.empty()), Map.of(), 3, false, Map.of(), Duration.ZERO, 120, Map.of());
        assertThat(ServiceCatalogue.validate(Map.of("sales", nonsense), KINDS)).containsExactlyInAnyOrder(
                "parley.services.sales.service-level.target: must be longer than zero",
                "parley.services.sales.service-level.goal: a percent from 1 to 100, got 120");
    }

    @Test
    void aSubjectsPriorityAndAVipCustomerRankAWaitAndArePlausible() {
        Config triage = new Config("Sales", "routed", List.of(Channel.CHAT), new Routing("longest-idle",
                Optional.empty()), Map.of("billing", List.of("billing"), "pricing", List.of("sales")), 3, false,
                Map.of(), Duration.ofSeconds(20), 80, Map.of("billing", 5));
        ServiceDefinition.Priority priority = ((ServiceDefinition.Checked.Valid) ServiceDefinition.check("sales",
                triage, KINDS, Set.of("sales"))).definition().priority();
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        ServiceSession billing = ServiceSession.opened("s-1", "sales", "billing", now);
        assertThat(priority.of(billing)).isEqualTo(new ServiceDefinition.Rank(5, "subject billing +5"));
        Leg ann = new Leg("l-1", new EndpointRef(EndpointKind.CUSTOMER, "c-17"), LegRole.CUSTOMER,
                LegState.CONNECTED, Map.of(), now, "ann@example.com");
        ServiceSession vip = new ServiceSession("s-2", "sales", "pricing", SessionState.WAITING, List.of(ann), null,
                null, 1, now, null, null);
        assertThat(priority.of(vip)).isEqualTo(new ServiceDefinition.Rank(10, "VIP ann@example.com +10"));
        assertThat(priority.of(ServiceSession.opened("s-3", "sales", "pricing", now)).value()).isZero();

        Config wrong = new Config("Sales", "routed", List.of(Channel.CHAT), new Routing("longest-idle",
                Optional.empty()), Map.of("billing", List.of("billing")), 3, false, Map.of(), Duration.ofSeconds(20),
                80, Map.of("billling", 5, "billing", 500));
        assertThat(ServiceCatalogue.validate(Map.of("sales", wrong), KINDS)).containsExactlyInAnyOrder(
                "parley.services.sales.priority.subjects.billling: not a subject of this service",
                "parley.services.sales.priority.subjects.billing: from -100 to 100, got 500");
    }

    @Test
    void topDownNeedsAnOrder() {
        Config topDown = new Config("Sales", "routed", List.of(Channel.CHAT), new Routing("top-down",
                Optional.empty()), Map.of(), 3);
        assertThat(ServiceCatalogue.validate(Map.of("sales", topDown), KINDS))
                .containsExactly("parley.services.sales.routing.order: top-down needs the agent ids in order");
    }

    @Test
    void aServiceCannotOverflowToItself() {
        Config loop = new Config("Sales", "routed", List.of(Channel.CHAT), new Routing("longest-idle",
                Optional.of("sales")), Map.of(), 3);
        assertThat(ServiceCatalogue.validate(Map.of("sales", loop), KINDS))
                .containsExactly("parley.services.sales.routing.overflow: a service cannot overflow to itself");
    }
}
