package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Main;
import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.ProcessingStatus;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.testing.StoredUrls;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, durability: a {@code render} killed with SIGKILL mid-render (embedded database, so its PostgreSQL is
 * orphaned) is found interrupted by the next start, resumed by rendering the same story again, and finishes with a
 * complete, probed result in which no row points to a missing or half-written file.
 */
class RenderCrashRecoveryTest {
    private static final String[] SMALL = {"--resolution", "320x180", "--fps", "12"};

    @Test
    void aRenderKilledMidwayIsFoundInterruptedAndResumedToACompleteResult(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path story = dir.resolve("ferry.fountain");
        Files.write(story, TestStudios.story("ferry.fountain"));
        Map<String, String> env = Map.of("CINBOARD_HOME", home.toString());

        // 1. A child JVM renders on the embedded database until the clips phase has started, then dies with SIGKILL.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "render",
                        story.toString(),
                        SMALL[0],
                        SMALL[1],
                        SMALL[2],
                        SMALL[3])
                .redirectErrorStream(true);
        List.of("CINBOARD_DB_URL", "CINBOARD_REDIS_URL", "CINBOARD_S3_BUCKET").forEach(pb.environment()::remove);
        pb.environment().put("CINBOARD_HOME", home.toString());
        Process child = pb.start();
        // Should the child hang before printing the marker, this ends the read below instead of the whole build.
        CompletableFuture.delayedExecutor(5, TimeUnit.MINUTES).execute(child::destroyForcibly);
        long postmasterPid;
        StringBuilder seen = new StringBuilder();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            // The "running" status row is committed before the phase's first progress line is printed.
            while ((line = out.readLine()) != null && !line.startsWith("clips ")) {
                seen.append(line).append('\n');
            }
            assertNotNull(line, "the child never reached the clips phase:\n" + seen);
            assertTrue(seen.toString().contains("keyframes"), "keyframes ran before clips:\n" + seen);
            postmasterPid = Long.parseLong(
                    Files.readAllLines(home.resolve("db/postmaster.pid")).get(0).trim());
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no phase bookkeeping, PostgreSQL orphaned
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertTrue(
                ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false),
                "the killed render's PostgreSQL should still be running, as after a real crash");

        // 2. The next start stops the orphaned server, recovers the data and marks the running phase interrupted.
        int recordId;
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            assertTrue(studio.recoveredPhases() > 0, "recovered phases: " + studio.recoveredPhases());
            assertFalse(
                    ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false),
                    "the orphaned PostgreSQL was stopped");
            Project crashed = onlyProject(studio);
            recordId = crashed.record().id();
            assertEquals(RecordStatus.INTERRUPTED, crashed.record().status());
            ProcessingStatus clips = crashed.statuses().stream()
                    .filter(s -> s.phase() == Phase.CLIPS)
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertEquals(
                    PhaseStatus.INTERRUPTED, clips.status(), crashed.statuses().toString());
            assertTrue(crashed.statuses().stream().noneMatch(s -> s.status() == PhaseStatus.RUNNING));
            assertTrue(crashed.finalVideos().isEmpty(), "nothing was composed before the crash");
            // The render ran as units of the job engine; the one the killed worker held went back to the queue.
            assertTrue(count(studio, "SELECT count(*) FROM scheduled_tasks") > 0, "the render's units wait");
            assertEquals(0, count(studio, "SELECT count(*) FROM scheduled_tasks WHERE picked"), "none is held");
            assertEveryUrlResolves(studio);
            // The window's jobs view lists the crashed run from the database, ready to be resumed with Retry.
            try (GenerationJobs jobs = studio.jobs()) {
                ai.cinboard.service.JobInfo earlier = jobs.listJobs().stream()
                        .filter(j -> j.projectId() == recordId)
                        .findFirst()
                        .orElseThrow();
                assertEquals(PhaseStatus.INTERRUPTED, earlier.status(), earlier.toString());
                assertTrue(
                        earlier.phases().stream()
                                .anyMatch(p -> p.phase() == Phase.CLIPS
                                        && p.status() == PhaseStatus.INTERRUPTED
                                        && p.error() != null),
                        earlier.toString());
                // Scenes render side by side: the keyframes phase shows the latest scene's, done or cut off too.
                assertTrue(
                        earlier.phases().stream()
                                .anyMatch(p -> p.phase() == Phase.KEYFRAMES
                                        && (p.status() == PhaseStatus.COMPLETED
                                                || p.status() == PhaseStatus.INTERRUPTED)),
                        earlier.toString());
            }
            // The first scene's keyframes were done before its clip started.
            assertTrue(
                    crashed.statuses().stream()
                            .anyMatch(s -> s.phase() == Phase.KEYFRAMES && s.status() == PhaseStatus.COMPLETED),
                    crashed.statuses().toString());
        }

        // 3. Rendering the same story again resumes that project and finishes it.
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int exit = StudioCommand.run(
                env,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "render",
                story.toString(),
                SMALL[0],
                SMALL[1],
                SMALL[2],
                SMALL[3],
                "--json");
        double resumeSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, exit, "stdout:\n" + out + "\nstderr:\n" + err);
        assertTrue(err.toString().contains("Resuming project " + recordId), err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(recordId, json.get("inputRecordId").asInt());
        System.out.printf("crash recovery: resumed render took %.1f s%n", resumeSeconds);

        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            assertEquals(0, studio.recoveredPhases(), "the resumed render left nothing running");
            Project p = onlyProject(studio);
            assertEquals(RecordStatus.COMPLETED, p.record().status());
            assertEquals(2, p.scenes().size());
            assertEquals(2 * 3, p.characterImages().size(), "characters were kept, not redone");
            assertEquals(6, p.keyframes().size());
            assertEquals(2, p.clips().size(), "one clip per scene, no half-made duplicate");
            assertEquals(1, p.finalVideos().size());
            assertEquals(
                    json.get("finalVideo").get("url").asText(),
                    p.finalVideos().get(0).videoUrl());
            assertEveryUrlResolves(studio);

            Path local = dir.resolve("final.mp4");
            try (InputStream in = studio.media().open(p.finalVideos().get(0).videoUrl())) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
            MediaInfo info = MediaProbe.probeAndDecode(local);
            assertTrue(info.decodesCleanly(), info.toString());
            assertEquals("h264", info.videoCodec());
            assertEquals("aac", info.audioCodec());
            assertEquals(320, info.width());
            double scenesSum = p.scenes().stream()
                    .map(s -> s.durationSeconds())
                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                    .doubleValue();
            assertEquals(scenesSum, info.durationSeconds(), 0.5, "final duration vs the scenes' sum");
        }
        assertTrue(Files.notExists(home.resolve("db/postmaster.pid")), "the embedded server stopped on close");
    }

    private static Project onlyProject(Studio studio) {
        List<Project> projects = studio
                .database()
                .read(s -> s.getMapper(ai.cinboard.persistence.mapper.InputRecordMapper.class)
                        .listByUser(studio.localUserId()))
                .stream()
                .map(r -> new ProjectRepository(studio.database()).load(r.id()).orElseThrow())
                .toList();
        assertEquals(1, projects.size(), "one project: the resume must not start a second one");
        return projects.get(0);
    }

    /** Every media URL in every table exists in the store and is a final name, never a temporary one. */
    static void assertEveryUrlResolves(Studio studio) {
        List<String> urls = StoredUrls.all(studio.database());
        for (String url : urls) {
            assertFalse(
                    url.endsWith(".part") || url.endsWith(".tmp") || url.contains("/incoming/"),
                    "a row points to a temporary file: " + url);
            assertTrue(studio.media().exists(url), "a row points to a missing file: " + url);
        }
    }

    private static long count(Studio studio, String sql) throws java.sql.SQLException {
        try (var c = studio.database().dataSource().getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
