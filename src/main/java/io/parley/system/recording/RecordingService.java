package io.parley.system.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.recording.Track;
import io.parley.recording.VoiceFrame;
import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.EndpointRef;
import io.parley.session.Refusal;
import io.parley.session.Requester;
import io.parley.session.SessionEvent;
import io.parley.system.Outcome;
import io.parley.system.SessionNotice;
import io.parley.system.Timers;
import io.parley.system.change.ServiceSystem;
import io.parley.system.reads.SessionReads;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;

/**
 * Records the voice of sessions whose service says so: every frame a leg sends is appended to that
 * leg's file, {@code <directory>/<sessionId>/<legId>-<n>.opus} (Ogg Opus) or {@code .wav} (PCM), a new
 * file when the leg changes codec. Nothing here blocks: the bytes are made by the pure {@link Track}s
 * and written through Vert.x's asynchronous files, one open file per recording, one write after another
 * per leg. A file is closed when its leg or session ends, or the process stops gracefully; beside it a
 * {@code .json} describes it, so any replica sharing the directory can list and serve it.
 */
@ApplicationScoped
public class RecordingService {

    private static final Logger LOG = Logger.getLogger(RecordingService.class);
    /** How long frames still in flight for an ended session or leg are ignored rather than recorded anew. */
    private static final Duration ENDED_MEMORY = Duration.ofMinutes(1);
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9-]{1,64}-[0-9]{1,6}\\.(opus|wav)");
    private static final int MAX_FILES_PER_LEG = 10_000;

    /** One recording as listed. {@code endedAt} is null while it is being written. */
    @RegisterForReflection // Native image: Jackson writes and reads the description files by reflection.
    public record Recording(String legId, String endpoint, String codec, String file, long bytes, long frames,
            Instant startedAt, Instant endedAt) {
    }

    /** A recording's file to send, and its media type. */
    public record RecordingFile(Path path, String mediaType) {
    }

    private final ServiceCatalogue catalogue;
    private final ServiceSystem system;
    private final SessionReads reads;
    private final Timers timers;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final Clock clock;
    private final Path directory;
    /** The recordings this process writes (or is closing), by session. */
    private final Map<String, SessionRecordings> live = new ConcurrentHashMap<>();
    /** Sessions and legs ({@code sessionId/legId}) that ended lately: their late frames are not recorded. */
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();

    public RecordingService(ServiceCatalogue catalogue, ServiceSystem system, SessionReads reads, Timers timers,
            Vertx vertx, ObjectMapper json, Clock clock, RecordingsConfig config) {
        this.catalogue = catalogue;
        this.system = system;
        this.reads = reads;
        this.timers = timers;
        this.vertx = vertx;
        this.json = json;
        this.clock = clock;
        this.directory = Path.of(config.directory()).toAbsolutePath().normalize();
    }

    // ----------------------------------------------------------------------------------------------
    // Writing

    /**
     * A voice frame arrived from a leg: when the session's service records voice, it is appended to the
     * leg's recording (opened with its first frame). A frame that is not one (too short, unknown codec) is
     * not recorded.
     */
    public void frame(String sessionId, String serviceId, String legId, EndpointRef endpoint, Buffer frame) {
        if (!catalogue.find(serviceId).map(ServiceDefinition::recordVoice).orElse(false)
                || ended.containsKey(sessionId) || ended.containsKey(sessionId + "/" + legId)) {
            return;
        }
        Optional<VoiceFrame> parsed = VoiceFrame.parse(frame.getBytes());
        if (parsed.isEmpty()) {
            return;
        }
        live.computeIfAbsent(sessionId, SessionRecordings::new).leg(legId, endpoint).add(parsed.get());
    }

    void on(@Observes SessionNotice notice) {
        if (!(notice instanceof SessionNotice.Changed changed)) {
            return;
        }
        String sessionId = changed.session().id();
        for (SessionEvent event : changed.events()) {
            // A session that ends closes its recordings, a leg that ends its track; nothing else touches them.
            if (event instanceof SessionEvent.Ended) {
                remember(sessionId);
                SessionRecordings recordings = live.get(sessionId);
                if (recordings != null) {
                    recordings.close().onComplete(done -> live.remove(sessionId, recordings));
                }
            } else if (event instanceof SessionEvent.LegUpdated updated && !updated.leg().isActive()) {
                remember(sessionId + "/" + updated.leg().id());
                SessionRecordings recordings = live.get(sessionId);
                if (recordings != null) {
                    recordings.closeLeg(updated.leg().id());
                }
            }
        }
    }

    private void remember(String key) {
        Instant now = clock.instant();
        ended.values().removeIf(at -> at.isBefore(now.minus(ENDED_MEMORY)));
        ended.put(key, now);
    }

    /** Stopping: every open recording is finished and closed (waiting a few seconds at most). */
    void stop(@Observes ShutdownEvent stopping) {
        List<Future<Void>> closing = live.values().stream().map(SessionRecordings::close).toList();
        if (closing.isEmpty()) {
            return;
        }
        Future<?> all = Future.join(new ArrayList<>(closing));
        if (Context.isOnEventLoopThread()) {
            return;
        }
        try {
            all.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            LOG.infof("Closed the recordings of %d sessions", closing.size());
        } catch (Exception e) {
            LOG.warn("Recordings may not all be closed", e);
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Reading

    /** The session's recordings, for the session's CSRs and for operators. */
    public Uni<Outcome<List<Recording>>> list(Requester by, UUID sessionId) {
        return readable(by, sessionId).flatMap(outcome -> outcome.thenUni(readable -> listed(sessionId.toString())
                .map(Outcome::done)));
    }

    /** One recording's file, by a name {@link #list} gives; once it is finished, when it is being closed. */
    public Uni<Outcome<RecordingFile>> file(Requester by, UUID sessionId, String name) {
        return list(by, sessionId).flatMap(outcome -> outcome.thenUni(listed -> {
            Optional<Recording> found = listed.stream().filter(r -> r.file().equals(name)).findFirst();
            Path path = sessionDirectory(sessionId.toString()).resolve(name).normalize();
            if (found.isEmpty() || !FILE.matcher(name).matches()
                    || !path.getParent().equals(sessionDirectory(sessionId.toString()))) {
                return Uni.createFrom().item(Outcome.<RecordingFile>refused(Refusal.Code.RECORDING_NOT_FOUND,
                        "session " + sessionId + " has no recording '" + name + "'"));
            }
            String mediaType = name.endsWith(".wav") ? VoiceFrame.Codec.PCM.mediaType()
                    : VoiceFrame.Codec.OPUS.mediaType();
            SessionRecordings recordings = live.get(sessionId.toString());
            Future<Void> closing = recordings == null ? Future.succeededFuture() : recordings.closing(name);
            return uni(closing).replaceWith(Outcome.done(new RecordingFile(path, mediaType)));
        }));
    }

    /** Staff who may read the session (see {@link io.parley.session.ReadAccess}); customers never. */
    private Uni<Outcome<Void>> readable(Requester by, UUID sessionId) {
        if (!by.isStaff()) {
            return Uni.createFrom().item(Outcome.refused(Refusal.Code.NOT_PERMITTED,
                    "recordings are for the session's CSRs, supervisors and operators"));
        }
        return reads.find(by, sessionId).map(found -> found.map(session -> (Void) null));
    }

    /**
     * What this process writes or closes, as it stands, and every other recording from its description
     * file. The live ones are taken first: one that is no longer live had its final description written
     * before it left.
     */
    private Uni<List<Recording>> listed(String sessionId) {
        SessionRecordings recordings = live.get(sessionId);
        Map<String, Recording> byFile = new LinkedHashMap<>();
        if (recordings != null) {
            recordings.files.stream().filter(file -> file.name != null)
                    .forEach(file -> byFile.put(file.name, file.describe()));
        }
        FileSystem files = vertx.fileSystem();
        String dir = sessionDirectory(sessionId).toString();
        Future<List<Recording>> stored = files.exists(dir).compose(exists -> !exists
                ? Future.succeededFuture(List.<String>of()) : files.readDir(dir, ".*\\.(opus|wav)\\.json"))
                .compose(paths -> Future.all(paths.stream().map(path -> files.readFile(path)).toList()))
                .map(read -> {
                    List<Recording> described = new ArrayList<>();
                    for (int i = 0; i < read.size(); i++) {
                        described.add(parse(read.resultAt(i)));
                    }
                    return described;
                });
        return uni(stored).map(described -> {
            described.forEach(recording -> byFile.putIfAbsent(recording.file(), recording));
            return byFile.values().stream().filter(recording -> recording != null)
                    .sorted(Comparator.comparing(Recording::startedAt).thenComparing(Recording::file)).toList();
        });
    }

    /** A description file read back; null (and a warning) when it cannot be read. */
    private Recording parse(Buffer description) {
        try {
            return json.readValue(description.getBytes(), Recording.class);
        } catch (IOException e) {
            LOG.warnf("Unreadable recording description: %s", e.getMessage());
            return null;
        }
    }

    private Path sessionDirectory(String sessionId) {
        return directory.resolve(sessionId);
    }

    private static <T> Uni<T> uni(Future<T> future) {
        return Uni.createFrom().completionStage(future::toCompletionStage);
    }

    // ----------------------------------------------------------------------------------------------

    /** The recordings of one session that this process writes. */
    private final class SessionRecordings {

        private final String sessionId;
        private final Path dir;
        private final Map<String, LegRecorder> legs = new ConcurrentHashMap<>();
        /** Every file opened, until the session's recordings are closed. */
        private final List<RecordedFile> files = new CopyOnWriteArrayList<>();

        SessionRecordings(String sessionId) {
            this.sessionId = sessionId;
            this.dir = sessionDirectory(sessionId);
        }

        LegRecorder leg(String legId, EndpointRef endpoint) {
            return legs.computeIfAbsent(legId, id -> new LegRecorder(this, id, endpoint));
        }

        void closeLeg(String legId) {
            LegRecorder leg = legs.get(legId);
            if (leg != null) {
                leg.close();
            }
        }

        Future<Void> close() {
            return Future.join(legs.values().stream().map(LegRecorder::close).toList()).mapEmpty();
        }

        /** Done when the named file is closed (at once when it is still being written, or unknown). */
        Future<Void> closing(String name) {
            return files.stream().filter(file -> name.equals(file.name) && file.closed != null).findFirst()
                    .map(file -> file.closed).orElse(Future.succeededFuture());
        }
    }

    /** One leg's recordings: its current file, and the number the next one takes. */
    private final class LegRecorder {

        private final SessionRecordings session;
        private final String legId;
        private final EndpointRef endpoint;
        private RecordedFile current;
        /** The number of the leg's last file, once it is open; the next tries the one after it. */
        private Future<Integer> lastNumber = Future.succeededFuture(0);

        LegRecorder(SessionRecordings session, String legId, EndpointRef endpoint) {
            this.session = session;
            this.legId = legId;
            this.endpoint = endpoint;
        }

        synchronized void add(VoiceFrame frame) {
            if (current != null && current.track.codec() != frame.codec()) {
                current.close();
                current = null;
            }
            if (current == null) {
                current = new RecordedFile(this, Track.of(frame.codec(), ThreadLocalRandom.current().nextInt()));
                session.files.add(current);
            }
            current.add(frame);
        }

        /** Closes the current file; done when every file of the leg is closed. */
        synchronized Future<Void> close() {
            current = null;
            return Future.join(session.files.stream().filter(file -> file.leg == this).map(RecordedFile::close)
                    .toList()).mapEmpty();
        }
    }

    /** One file being written: its track (the bytes), and the chain of writes to it. */
    private final class RecordedFile {

        private final LegRecorder leg;
        private final Track track;
        private final Instant startedAt;
        private volatile String name;
        private volatile long frames;
        private volatile long bytes;
        private volatile Instant endedAt;
        /** The open file after every write so far. */
        private Future<AsyncFile> tail;
        private volatile Future<Void> closed;

        RecordedFile(LegRecorder leg, Track track) {
            this.leg = leg;
            this.track = track;
            this.startedAt = clock.instant();
            String extension = track.codec().extension();
            Future<Integer> number = leg.lastNumber.otherwise(0).compose(last -> vertx.fileSystem()
                    .mkdirs(leg.session.dir.toString()).compose(made -> open(last + 1, extension)));
            leg.lastNumber = number;
            byte[] start = track.start();
            bytes = track.bytes();
            tail = number.compose(n -> {
                name = leg.legId + "-" + n + "." + extension;
                return vertx.fileSystem().open(path().toString(), new OpenOptions().setWrite(true)
                        .setCreateNew(true));
            }).compose(file -> describe(file)).compose(file -> file.write(Buffer.buffer(start)).map(file));
            tail.onSuccess(file -> started()).onFailure(failure -> LOG.errorf(failure,
                    "Cannot record leg %s of session %s", leg.legId, leg.session.sessionId));
        }

        /** The first free number from {@code n} on: a file is never overwritten (after a restart, say). */
        private Future<Integer> open(int n, String extension) {
            String candidate = leg.session.dir.resolve(leg.legId + "-" + n + "." + extension).toString();
            return vertx.fileSystem().exists(candidate).compose(exists -> exists && n < MAX_FILES_PER_LEG
                    ? open(n + 1, extension) : Future.succeededFuture(n));
        }

        private Path path() {
            return leg.session.dir.resolve(name);
        }

        void add(VoiceFrame frame) {
            Buffer written = Buffer.buffer(track.add(frame));
            frames = track.frames();
            bytes = track.bytes();
            if (written.length() > 0) {
                tail = tail.compose(file -> file.write(written).map(file));
            }
        }

        Future<Void> close() {
            if (closed != null) {
                return closed;
            }
            Buffer end = Buffer.buffer(track.end());
            Optional<byte[]> start = track.finalStart();
            frames = track.frames();
            bytes = track.bytes();
            endedAt = clock.instant();
            closed = tail.compose(file -> end.length() == 0 ? Future.succeededFuture(file)
                    : file.write(end).map(file))
                    .compose(file -> start.map(header -> file.write(Buffer.buffer(header), 0).map(file))
                            .orElse(Future.succeededFuture(file)))
                    .compose(file -> file.close().compose(done -> describe(file)).mapEmpty())
                    .<Void>mapEmpty()
                    .onFailure(failure -> LOG.errorf(failure, "Recording %s of session %s was not closed cleanly",
                            name, leg.session.sessionId))
                    .otherwise(failure -> null);
            return closed;
        }

        Recording describe() {
            return new Recording(leg.legId, leg.endpoint.toString(), track.codec().wire(), name, bytes, frames,
                    startedAt, endedAt);
        }

        /** Writes the description beside the file, as it stands. */
        private Future<AsyncFile> describe(AsyncFile file) {
            try {
                Buffer description = Buffer.buffer(json.writeValueAsBytes(describe()));
                return vertx.fileSystem().writeFile(path() + ".json", description).map(file);
            } catch (IOException e) {
                return Future.failedFuture(e);
            }
        }

        /** The session's event log says so, for {@code parley explain}. */
        private void started() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("legId", leg.legId);
            data.put("endpoint", leg.endpoint.toString());
            data.put("codec", track.codec().wire());
            data.put("file", name);
            timers.after(Duration.ZERO, () -> system.note(UUID.fromString(leg.session.sessionId),
                    "recording-started", data));
        }
    }
}
