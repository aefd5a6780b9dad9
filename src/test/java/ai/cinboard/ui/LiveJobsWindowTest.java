package ai.cinboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.local.EspeakSpeechEngine;
import ai.cinboard.generation.local.LocalVideoEngine;
import ai.cinboard.pipeline.GenerationJobs;
import ai.cinboard.pipeline.LocalRenders;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.RenderPipeline;
import ai.cinboard.pipeline.RenderSettings;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import ai.cinboard.testing.CinboardProcess;
import ai.cinboard.testing.ImageEngines;
import ai.cinboard.testing.RedisFixture;
import ai.cinboard.testing.TestDatabases;
import ai.cinboard.testing.TestStudios;
import ai.cinboard.ui.view.JobsView;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TreeTableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Jobs view and the status bar show renders that run elsewhere, on the same PostgreSQL database and the same
 * real Redis: a command-line {@code render} in a second process, and another {@link Studio} (whose render the
 * window cancels). Nothing of those renders goes through the window's generation service: it is heard on the
 * Redis status topic only.
 */
@ExtendWith(ApplicationExtension.class)
class LiveJobsWindowTest {
    static {
        StudioFixture.preferNativeText();
    }

    private static RedisFixture redis;
    private static String db;
    private static Studio mine;
    private static Studio theirs;
    private static GenerationJobs jobs;
    private static StudioServices services;
    private final StudioFixture fx = new StudioFixture(services);

    private static Map<String, String> env(String db, Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("CINBOARD_HOME", home.toString());
        env.put("CINBOARD_DB_URL", db);
        env.put("CINBOARD_DB_USER", "postgres");
        env.put("CINBOARD_REDIS_URL", redis.url());
        return env;
    }

    @BeforeAll
    static void twoStudios() throws Exception {
        redis = new RedisFixture();
        db = TestDatabases.createEmptyDatabase();
        mine = Studio.open(StudioConfig.load(env(db, TestStudios.tempHome())));
        theirs = Studio.open(StudioConfig.load(env(db, TestStudios.tempHome())));
        jobs = mine.jobs();
        services = mine.services(jobs);
    }

    @AfterAll
    static void close() throws Exception {
        jobs.close();
        theirs.close();
        mine.close();
        redis.close();
    }

    @Start
    void start(Stage stage) {
        fx.start(stage, 1280, 800);
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    @Test
    void aRenderInAnotherProcessShowsUpLiveInTheJobsViewAndStatusBar() throws Exception {
        var vm = fx.window.viewModel().jobs();
        StudioFixture.fx(() -> fx.window.selectView(4));
        // Everything the view model shows, as it arrives on the FX thread.
        Map<Phase, PhaseStatus> seen = new ConcurrentHashMap<>();
        Set<String> summaries = ConcurrentHashMap.newKeySet();
        CountDownLatch keyframesRunning = new CountDownLatch(1);
        AtomicReference<Integer> project = new AtomicReference<>();
        StudioFixture.fx(() -> {
            vm.jobs().addListener((ListChangeListener<JobInfo>) c -> {
                for (JobInfo j : vm.jobs()) {
                    // the other process's project: the first job of that story heard here
                    if (project.get() == null && j.title() != null && j.title().contains("The Last Ferry"))
                        project.set(j.projectId());
                    if (project.get() == null || j.projectId() != project.get()) continue;
                    for (JobPhase p : j.phases()) {
                        if (p.status() == PhaseStatus.RUNNING) {
                            seen.put(p.phase(), p.status());
                            if (p.phase() == Phase.KEYFRAMES) keyframesRunning.countDown();
                        }
                    }
                }
            });
            vm.summaryProperty().addListener((o, was, now) -> summaries.add(now));
        });

        // A command-line render in a JVM of its own, on the same database and Redis, with a home of its own.
        Path home = TestStudios.tempHome();
        Path story = home.resolve("ferry.fountain");
        Files.write(story, TestStudios.story("ferry.fountain"));
        Process render = CinboardProcess.builder(
                        env(db, home), "render", story.toString(), "--json", "--resolution", "320x180", "--fps", "12")
                .redirectErrorStream(true)
                .start();
        CompletableFuture<String> printed = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(render.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            Path shots = Path.of(System.getProperty("cinboard.test.screenshots", "target/screenshots"));
            Files.createDirectories(shots);
            assertTrue(keyframesRunning.await(3, TimeUnit.MINUTES), "the keyframes phase showed up running: " + seen);
            StudioFixture.fx(() -> {}); // let the row reach the table
            write(shots.resolve("jobs-live.png"));
            assertTrue(render.waitFor(3, TimeUnit.MINUTES), "the render process ended");
        } finally {
            render.destroyForcibly(); // nothing outlives the test, whatever failed
        }
        String out = printed.get(1, TimeUnit.MINUTES);
        assertEquals(0, render.exitValue(), out);
        int id = project.get();
        assertTrue(
                java.util.regex.Pattern.compile("\"inputRecordId\" : " + id + "\\b")
                        .matcher(out)
                        .find(),
                "the render shown is the one that ran:\n" + out);

        StudioFixture.await(
                "the other studio's render listed as completed",
                () -> vm.jobs().stream()
                        .anyMatch(j -> j.projectId() == id
                                && j.status() == PhaseStatus.COMPLETED
                                && j.phases().stream()
                                        .anyMatch(p -> p.phase() == Phase.COMPOSITION
                                                && p.status() == PhaseStatus.COMPLETED)));
        assertTrue(
                seen.keySet().containsAll(List.of(Phase.CHARACTERS, Phase.KEYFRAMES, Phase.CLIPS)),
                "phases seen running: " + seen);
        assertTrue(
                summaries.stream().anyMatch(s -> s.contains("The Last Ferry") && s.contains("%")),
                "the status bar named the running render: " + summaries);
        StudioFixture.await("the table lists it", () -> {
            TreeTableView<?> table = (TreeTableView<?>) fx.window.root().lookup("#jobs-table");
            return table.getRoot().getChildren().stream()
                    .anyMatch(r -> r.getValue().toString().contains("The Last Ferry"));
        });
        assertEquals(
                0,
                jobs.listJobs().stream()
                        .filter(j -> j.jobId().startsWith("job-"))
                        .count(),
                "nothing ran in this studio's own executor");
    }

    @Test
    void cancelInTheJobsViewStopsARenderThatRunsInAnotherStudio(FxRobot robot) throws Exception {
        var vm = fx.window.viewModel().jobs();
        StudioFixture.fx(() -> fx.window.selectView(4));
        int id = TestStudios.intake(theirs, "harbour4.fountain");
        // Their image server takes a keyframe request and never answers: the render runs until it is cancelled.
        CountDownLatch inKeyframe = new CountDownLatch(1);
        ImageEngine hanging = ImageEngines.hangingKeyframes(inKeyframe);
        RenderPipeline pipeline = theirs.render(new RenderSettings(
                        320, 180, 12, 3, theirs.config().home().resolve("work"), 1))
                .withEngines(hanging, new LocalVideoEngine(), new EspeakSpeechEngine());
        AtomicReference<Throwable> ended = new AtomicReference<>();
        // Their studio's render, on the job engine with a worker in their process, one unit at a time.
        Thread render = new Thread(() -> {
            try {
                try (LocalRenders local = new LocalRenders(theirs.database(), pipeline, "their-studio", 1)) {
                    local.render(id, PhaseListener.NONE);
                }
            } catch (RuntimeException e) {
                ended.set(e);
            }
        });
        render.start();
        try {
            assertTrue(inKeyframe.await(3, TimeUnit.MINUTES), "their render reached a keyframe");
            TreeTableView<?> table = (TreeTableView<?>) fx.window.root().lookup("#jobs-table");
            StudioFixture.await(
                    "their render listed as running",
                    () -> table.getRoot().getChildren().stream()
                            .anyMatch(r -> isTheirs(r.getValue(), id)
                                    && ((JobsView.Row) r.getValue()).job().status() == PhaseStatus.RUNNING));
            StudioFixture.fx(() -> table.getRoot().getChildren().stream()
                    .filter(r -> isTheirs(r.getValue(), id))
                    .findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(indexOf(table, r))));
            StudioFixture.await(
                    "Cancel is enabled for it",
                    () -> !robot.lookup("#cancel-job").queryButton().isDisabled());
            robot.clickOn("#cancel-job");

            render.join(TimeUnit.MINUTES.toMillis(2));
            assertFalse(render.isAlive(), "their render returned");
            assertInstanceOf(CancellationException.class, ended.get(), String.valueOf(ended.get()));
            assertTrue(
                    ended.get().getMessage().contains("another studio or process"),
                    ended.get().getMessage());
            StudioFixture.await(
                    "the view shows their render cancelled",
                    () -> vm.jobs().stream().anyMatch(j -> j.projectId() == id && j.status() == PhaseStatus.CANCELLED));
            Path shots = Path.of(System.getProperty("cinboard.test.screenshots", "target/screenshots"));
            Files.createDirectories(shots);
            write(shots.resolve("jobs-cancelled-elsewhere.png"));
        } finally {
            render.interrupt();
        }
    }

    private static boolean isTheirs(Object row, int projectId) {
        return row instanceof JobsView.Row r && r.job().projectId() == projectId;
    }

    private static int indexOf(TreeTableView<?> table, javafx.scene.control.TreeItem<?> item) {
        return table.getRow((javafx.scene.control.TreeItem) item);
    }

    private void write(Path file) throws Exception {
        AtomicReference<WritableImage> img = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(
                10_000, () -> img.set(fx.window.root().getScene().snapshot(null)));
        BufferedImage b = SwingFXUtils.fromFXImage(img.get(), null);
        ImageIO.write(b, "png", new File(file.toString()));
    }
}
