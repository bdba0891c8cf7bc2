package io.parley.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.parley.chat.ChatMessage;
import io.parley.routing.Escalation;
import io.parley.routing.SkillRequirement;
import io.parley.routing.StrategyKind;
import io.parley.session.Channel;
import io.parley.session.LegRole;
import io.parley.session.ServiceSession;
import io.parley.session.Supervision;

/**
 * One service as configured and checked: what the behaviours and the API read.
 *
 * @param recordVoice whether the sessions' voice is recorded
 * @param replies the canned replies of the service's CSRs, by name
 * @param serviceLevel the share of waits the service means to answer in time
 * @param priority who of those waiting is offered first
 */
public record ServiceDefinition(String id, String name, String behaviour, Set<Channel> media, RoutingPolicy routing,
        Map<String, SkillRequirement> subjects, Allow allow, Limits limits, Duration transferTimeout,
        List<String> allowedOrigins, boolean recordVoice, List<Reply> replies, ServiceLevel serviceLevel,
        Priority priority) {

    public ServiceDefinition {
        media = Set.copyOf(media);
        subjects = Map.copyOf(subjects);
        allowedOrigins = List.copyOf(allowedOrigins);
        replies = List.copyOf(replies);
    }

    /** A service without canned replies, aiming at the usual service level. */
    public ServiceDefinition(String id, String name, String behaviour, Set<Channel> media, RoutingPolicy routing,
            Map<String, SkillRequirement> subjects, Allow allow, Limits limits, Duration transferTimeout,
            List<String> allowedOrigins, boolean recordVoice) {
        this(id, name, behaviour, media, routing, subjects, allow, limits, transferTimeout, allowedOrigins,
                recordVoice, List.of(), ServiceLevel.USUAL, Priority.NONE);
    }

    /** A session's priority in the queue, and the words for it ("subject billing +5, VIP ann@example.com +10"). */
    public record Rank(int value, String reasons) {
    }

    /**
     * Who is offered first: a subject's priority, plus {@code vip} for a customer named by one of
     * {@code vipCustomers}; higher first, then longest waiting first.
     */
    public record Priority(Map<String, Integer> subjects, int vip, Set<String> vipCustomers) {

        /** Everyone alike: longest waiting first. */
        public static final Priority NONE = new Priority(Map.of(), 0, Set.of());

        public Priority {
            subjects = Map.copyOf(subjects);
            vipCustomers = Set.copyOf(vipCustomers);
        }

        /** The rank of a waiting session: its subject's priority and its customer's, with the reasons. */
        public Rank of(ServiceSession session) {
            String subject = session.queue() == null ? session.subject() : session.queue().subject();
            int value = 0;
            List<String> reasons = new ArrayList<>(2);
            Integer bySubject = subject == null ? null : subjects.get(subject);
            if (bySubject != null && bySubject != 0) {
                value += bySubject;
                reasons.add("subject " + subject + " " + signed(bySubject));
            }
            Optional<String> vipCustomer = vip == 0 ? Optional.empty() : session.legs().stream()
                    .filter(leg -> leg.role() == LegRole.CUSTOMER)
                    .flatMap(leg -> Stream.of(leg.label(), leg.endpoint().id()))
                    .filter(reference -> reference != null && vipCustomers.contains(reference)).findFirst();
            if (vipCustomer.isPresent()) {
                value += vip;
                reasons.add("VIP " + vipCustomer.get() + " " + signed(vip));
            }
            return new Rank(value, String.join(", ", reasons));
        }

        private static String signed(int value) {
            return value > 0 ? "+" + value : String.valueOf(value);
        }
    }

    /**
     * {@code goalPercent} percent of waits answered within {@code target}; a wait abandoned counts against it.
     */
    public record ServiceLevel(Duration target, int goalPercent) {

        /** 80 % in 20 s, the figure contact centers start from. */
        public static final ServiceLevel USUAL = new ServiceLevel(Duration.ofSeconds(20), 80);
    }

    /** A canned reply: what the CSR types after {@code /} to find it, and the text it inserts. */
    public record Reply(String name, String text) {
    }

    /**
     * @param order agent ids in the order {@code top-down} tries them
     * @param wrapUp a CSR's after-session time
     * @param escalations requirements relaxed as the wait grows, earliest first
     * @param retryAfter how long a CSR who declined or let an offer expire is passed over while nobody else
     *        fits; then it is offered the session again
     */
    public record RoutingPolicy(StrategyKind strategy, List<String> order, Duration offerTimeout,
            Duration queueTimeout, Optional<String> overflow, Duration wrapUp, List<Escalation> escalations,
            Duration retryAfter) {

        /** The retry-after a service gets when it names none. */
        public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

        public RoutingPolicy {
            order = List.copyOf(order);
            escalations = List.copyOf(escalations);
        }

        public RoutingPolicy(StrategyKind strategy, List<String> order, Duration offerTimeout, Duration queueTimeout,
                Optional<String> overflow, Duration wrapUp, List<Escalation> escalations) {
            this(strategy, order, offerTimeout, queueTimeout, overflow, wrapUp, escalations, DEFAULT_RETRY_AFTER);
        }

        public RoutingPolicy(StrategyKind strategy, List<String> order, Duration offerTimeout, Duration queueTimeout,
                Optional<String> overflow) {
            this(strategy, order, offerTimeout, queueTimeout, overflow, Duration.ZERO, List.of());
        }
    }

    /**
     * What the service lets endpoints do.
     *
     * @param supervision the ways a supervisor may be in its sessions (monitor, whisper, barge)
     * @param pick an agent may pick a waiting customer from the queue
     */
    public record Allow(boolean conference, boolean transfer, boolean customerInvites, Set<Supervision> supervision,
            boolean pick) {

        public Allow {
            supervision = supervision.isEmpty() ? Set.of() : Set.copyOf(supervision);
        }

        /** Agents wait for offers: none picks from the queue. */
        public Allow(boolean conference, boolean transfer, boolean customerInvites, Set<Supervision> supervision) {
            this(conference, transfer, customerInvites, supervision, false);
        }

        /** Every way of supervising allowed. */
        public Allow(boolean conference, boolean transfer, boolean customerInvites) {
            this(conference, transfer, customerInvites, EnumSet.allOf(Supervision.class));
        }
    }

    public record Limits(int maxCsrs, int maxParticipants) {
    }

    /** The skills a subject needs; {@link SkillRequirement#NONE} when the subject is null or not declared here. */
    public SkillRequirement requirementFor(String subject) {
        return subject == null ? SkillRequirement.NONE : subjects.getOrDefault(subject, SkillRequirement.NONE);
    }

    /** The skills a subject needs after waiting {@code waited}, escalations applied. */
    public SkillRequirement requirementFor(String subject, Duration waited) {
        return Escalation.requirement(routing.escalations(), subject, requirementFor(subject), waited);
    }

    public boolean declaresSubjects() {
        return !subjects.isEmpty();
    }

    private static final Pattern SKILL = Pattern.compile("([a-z0-9][a-z0-9-]*)(?:\\s*>=\\s*(\\d+))?");

    /** A definition, or every problem found, each naming its configuration key. */
    public sealed interface Checked {
        record Valid(ServiceDefinition definition) implements Checked {
        }

        record Invalid(List<String> problems) implements Checked {
        }
    }

    public static Checked check(String id, ServicesConfig.ServiceConfig config, Collection<String> behaviourKinds,
            Collection<String> serviceIds) {
        String key = "parley.services." + id;
        List<String> problems = new ArrayList<>();
        if (!id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            problems.add(key + ": a service id is lower-case letters, digits and dashes");
        }
        if (config.name().isBlank()) {
            problems.add(key + ".name: must not be blank");
        }
        if (!behaviourKinds.contains(config.behaviour())) {
            problems.add(key + ".behaviour: '" + config.behaviour() + "' is not one of " + sorted(behaviourKinds));
        }
        Set<Channel> media = EnumSet.noneOf(Channel.class);
        media.addAll(config.media());
        if (media.remove(Channel.CONTROL)) {
            problems.add(key + ".media: control is always there; list only chat, page-push and voice");
        }
        if (media.isEmpty()) {
            problems.add(key + ".media: at least one of chat, page-push, voice");
        }
        StrategyKind strategy = null;
        try {
            strategy = StrategyKind.fromWire(config.routing().strategy());
        } catch (IllegalArgumentException e) {
            problems.add(key + ".routing.strategy: " + e.getMessage());
        }
        List<String> order = config.routing().order().orElse(List.of());
        if (strategy == StrategyKind.TOP_DOWN && order.isEmpty()) {
            problems.add(key + ".routing.order: top-down needs the agent ids in order");
        }
        config.routing().overflow().ifPresent(overflow -> {
            if (overflow.equals(id)) {
                problems.add(key + ".routing.overflow: a service cannot overflow to itself");
            } else if (!serviceIds.contains(overflow)) {
                problems.add(key + ".routing.overflow: no service named '" + overflow + "'");
            }
        });
        positive(problems, key + ".routing.offer-timeout", config.routing().offerTimeout());
        positive(problems, key + ".routing.queue-timeout", config.routing().queueTimeout());
        positive(problems, key + ".routing.retry-after", config.routing().retryAfter());
        positive(problems, key + ".transfer.timeout", config.transfer().timeout());
        Map<String, SkillRequirement> subjects = requirements(key + ".subjects", config.subjects(), problems);
        if (config.routing().wrapUp().isNegative()) {
            problems.add(key + ".routing.wrap-up: must not be negative");
        }
        List<Escalation> escalations = new ArrayList<>();
        List<ServicesConfig.EscalationStep> steps = config.routing().escalations().orElse(List.of());
        for (int i = 0; i < steps.size(); i++) {
            String stepKey = key + ".routing.escalations[" + i + "]";
            positive(problems, stepKey + ".after", steps.get(i).after());
            Map<String, SkillRequirement> relaxed = requirements(stepKey + ".subjects", steps.get(i).subjects(),
                    problems);
            relaxed.keySet().stream().filter(subject -> !subjects.containsKey(subject)).forEach(subject -> problems
                    .add(stepKey + ".subjects." + subject + ": not a subject of this service"));
            escalations.add(new Escalation(steps.get(i).after(), relaxed));
        }
        escalations.sort(Comparator.comparing(Escalation::after));
        if (config.voice().record() && !media.contains(Channel.VOICE)) {
            problems.add(key + ".voice.record: recording needs the voice medium; add voice to " + key + ".media");
        }
        if (config.limits().maxCsrs() < 1) {
            problems.add(key + ".limits.max-csrs: at least 1, got " + config.limits().maxCsrs());
        }
        if (config.limits().maxParticipants() < 2) {
            problems.add(key + ".limits.max-participants: at least 2, got " + config.limits().maxParticipants());
        }
        List<Reply> replies = replies(key + ".replies", config.replies(), problems);
        positive(problems, key + ".service-level.target", config.serviceLevel().target());
        if (config.serviceLevel().goal() < 1 || config.serviceLevel().goal() > 100) {
            problems.add(key + ".service-level.goal: a percent from 1 to 100, got " + config.serviceLevel().goal());
        }
        config.priority().subjects().keySet().stream().filter(subject -> !subjects.containsKey(subject))
                .forEach(subject -> problems.add(key + ".priority.subjects." + subject
                        + ": not a subject of this service"));
        config.priority().subjects().forEach((subject, value) -> {
            if (value < -100 || value > 100) {
                problems.add(key + ".priority.subjects." + subject + ": from -100 to 100, got " + value);
            }
        });
        if (config.priority().vip() < 0 || config.priority().vip() > 100) {
            problems.add(key + ".priority.vip: from 0 to 100, got " + config.priority().vip());
        }
        if (!problems.isEmpty()) {
            return new Checked.Invalid(problems);
        }
        ServicesConfig.Allow allow = config.allow();
        return new Checked.Valid(new ServiceDefinition(id, config.name(), config.behaviour(), media,
                new RoutingPolicy(strategy, order, config.routing().offerTimeout(),
                        config.routing().queueTimeout(), config.routing().overflow(), config.routing().wrapUp(),
                        escalations, config.routing().retryAfter()),
                subjects, new Allow(allow.conference(), allow.transfer(), allow.customerInvites(), supervision(allow),
                        allow.pick()),
                new Limits(config.limits().maxCsrs(), config.limits().maxParticipants()), config.transfer().timeout(),
                config.pagePush().allowedOrigins().orElse(List.of()), config.voice().record(), replies,
                new ServiceLevel(config.serviceLevel().target(), config.serviceLevel().goal()),
                new Priority(config.priority().subjects(), config.priority().vip(),
                        Set.copyOf(config.priority().vipCustomers().orElse(List.of())))));
    }

    private static Map<String, SkillRequirement> requirements(String key, Map<String, List<String>> declared,
            List<String> problems) {
        Map<String, SkillRequirement> subjects = new LinkedHashMap<>();
        declared.forEach((subject, skills) -> {
            Map<String, Integer> levels = new LinkedHashMap<>();
            for (String skill : skills) {
                Matcher matcher = SKILL.matcher(skill.trim());
                if (!matcher.matches()) {
                    problems.add(key + "." + subject + ": '" + skill + "' is not 'skill' or 'skill>=level'");
                    continue;
                }
                int level = matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2));
                if (level < 1 || level > 10) {
                    problems.add(key + "." + subject + ": '" + skill + "' — skill levels are 1..10");
                }
                levels.put(matcher.group(1), level);
            }
            subjects.put(subject, new SkillRequirement(levels));
        });
        return subjects;
    }

    /** The replies by name, each checked: a name to type, a text a chat message may hold. */
    private static List<Reply> replies(String key, Map<String, String> declared, List<String> problems) {
        List<Reply> replies = new ArrayList<>();
        declared.forEach((name, text) -> {
            if (!name.matches("[a-z0-9][a-z0-9-]{0,31}")) {
                problems.add(
                        key + "." + name + ": a reply's name is lower-case letters, digits and dashes (at most 32)");
            }
            if (ChatMessage.textProblem(text).isPresent()) {
                problems.add(key + "." + name + ": the text is 1 to " + ChatMessage.MAX_TEXT + " characters");
            }
            replies.add(new Reply(name, text));
        });
        replies.sort(Comparator.comparing(Reply::name));
        return replies;
    }

    private static Set<Supervision> supervision(ServicesConfig.Allow allow) {
        Set<Supervision> modes = EnumSet.noneOf(Supervision.class);
        if (allow.monitor()) {
            modes.add(Supervision.MONITOR);
        }
        if (allow.whisper()) {
            modes.add(Supervision.WHISPER);
        }
        if (allow.barge()) {
            modes.add(Supervision.BARGE);
        }
        return modes;
    }

    private static void positive(List<String> problems, String key, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            problems.add(key + ": must be longer than zero");
        }
    }

    private static List<String> sorted(Collection<String> values) {
        return values.stream().sorted().toList();
    }
}
