package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.UnitState;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.local.EspeakSpeechEngine;
import ai.cinboard.generation.local.LocalImageEngine;
import ai.cinboard.generation.local.LocalVideoEngine;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.testing.ImageEngines;
import ai.cinboard.testing.TestStudios;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one render path (issue 19): a studio's render goes through the job engine, its stale units queued under the
 * studio's own task and taken by a worker in its own process. Real PostgreSQL, local media, the offline engines.
 */
class LocalRendersTest {
    // A studio of its own per test: the same story rendered in one studio would come from its cache.
    private Path home;
    private Studio studio;

    @BeforeEach
    void open() {
        home = TestStudios.tempHome();
        studio = TestStudios.open(home);
    }

    @AfterEach
    void close() {
        studio.close();
    }

    private RenderPipeline pipeline(ImageEngine images) {
        CountingEngines e =
                new CountingEngines(images, new LocalVideoEngine(), new EspeakSpeechEngine(), "offline", "default");
        return studio.render(TestStudios.smallRender(home)).withEngines(e.images, e.video, e.speech);
    }

    private List<UnitState> units(RenderPipeline pipeline, String name, int id) {
        return RenderQueue.ofStudio(studio.database(), pipeline, name).units(id);
    }

    @Test
    void aRenderRunsAsTheEnginesUnitsOnTheStudiosOwnWorkerAndReportsItsPhasesOnce() {
        RenderPipeline pipeline = pipeline(new LocalImageEngine());
        int id = TestStudios.intake(studio, "harbour4.fountain");
        Staleness before = pipeline.staleness(id);
        List<PhaseListener.PhaseEvent> events = new CopyOnWriteArrayList<>();
        LocalRenders.Outcome done;
        try (LocalRenders local = new LocalRenders(studio.database(), pipeline, "studio-one", 1)) {
            done = local.render(id, events::add);
        }

        assertEquals(
                Map.of(
                        "characters", (int) before.staleCharacters(),
                        "keyframes", (int) before.staleKeyframes(),
                        "voiceover", 1,
                        "clips", (int) before.staleClips(),
                        "composition", 1),
                done.made().asMap());
        assertEquals(0, pipeline.staleness(id).count(), "nothing is left stale");
        List<UnitState> units = units(pipeline, "studio-one", id);
        assertEquals(
                before.staleUnits(id).size() + 1,
                units.size(),
                "what was stale, and the mastering, stale once the voiceover was made: " + units);
        for (UnitState u : units) {
            assertEquals("completed", u.state(), u.toString());
            assertEquals(1, u.attempts(), u.toString());
            assertNull(u.worker(), "a studio's own render names no worker: " + u);
        }
        assertFalse(
                RenderQueue.ofStudio(studio.database(), pipeline, "studio-one").pending(id));
        // 12 keyframe units each run the keyframes phase; the render's listener hears it finish once, at 100 %.
        List<PhaseListener.PhaseEvent> keyframes =
                events.stream().filter(e -> e.phase() == Phase.KEYFRAMES).toList();
        assertEquals(
                1,
                keyframes.stream()
                        .filter(e -> e.status() == PhaseStatus.COMPLETED)
                        .count(),
                keyframes.toString());
        assertEquals(PhaseStatus.COMPLETED, keyframes.get(keyframes.size() - 1).status());
        assertEquals(100, keyframes.get(keyframes.size() - 1).progress());
        for (int i = 1; i < keyframes.size(); i++) {
            assertTrue(
                    keyframes.get(i).progress() >= keyframes.get(i - 1).progress()
                            || keyframes.get(i).progress() == 0,
                    "keyframe progress runs forward across the keyframe units: " + keyframes);
        }
        assertEquals(
                List.of("characters", "keyframes", "voiceover", "clips", "composition"),
                List.copyOf(done.phaseMillis().keySet()));
        // every phase is heard finishing once, the voiceover's too, though the mastering is queued only after it
        for (Phase phase :
                List.of(Phase.CHARACTERS, Phase.KEYFRAMES, Phase.VOICEOVER, Phase.CLIPS, Phase.COMPOSITION)) {
            List<PhaseListener.PhaseEvent> of =
                    events.stream().filter(e -> e.phase() == phase).toList();
            assertEquals(
                    1,
                    of.stream().filter(e -> e.status() == PhaseStatus.COMPLETED).count(),
                    phase + ": " + of);
            assertEquals(PhaseStatus.COMPLETED, of.get(of.size() - 1).status(), phase + ": " + of);
        }
    }

    @Test
    void cancellingARenderTakesItsUnitsOutOfTheEngineAndTheNextRenderMakesOnlyWhatIsLeft() throws Exception {
        RenderPipeline pipeline = pipeline(new LocalImageEngine());
        int id = TestStudios.intake(studio, "harbour4.fountain");
        long scenes = pipeline.staleness(id).staleClips();
        CountDownLatch firstClipDone = new CountDownLatch(1);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        try (LocalRenders local = new LocalRenders(studio.database(), pipeline, "studio-two", 1)) {
            // A job thread waiting for its render, as the window's executor runs one; its interrupt is the cancel.
            Thread job = new Thread(() -> {
                try {
                    local.render(id, e -> {
                        if (e.phase() == Phase.CLIPS && e.progress() > 0 && e.status() == PhaseStatus.RUNNING) {
                            firstClipDone.countDown(); // the clips phase is under way: a clip unit made progress
                        }
                    });
                } catch (RuntimeException e) {
                    ended.set(e);
                }
            });
            job.start();
            assertTrue(firstClipDone.await(5, TimeUnit.MINUTES), "the first scene's clip was made");
            job.interrupt();
            job.join(TimeUnit.MINUTES.toMillis(2));
            assertFalse(job.isAlive(), "the cancelled render returned");
            assertInstanceOf(java.util.concurrent.CancellationException.class, ended.get());

            RenderQueue queue = RenderQueue.ofStudio(studio.database(), pipeline, "studio-two");
            assertFalse(queue.pending(id), "no unit of a cancelled render is left in the engine");
            long left = pipeline.staleness(id).staleClips();
            assertTrue(left > 0 && left < scenes, left + " of " + scenes + " clips left after the cancel");
            assertTrue(
                    new ProjectRepository(studio.database())
                            .load(id)
                            .orElseThrow()
                            .finalVideos()
                            .isEmpty(),
                    "nothing was composed");

            LocalRenders.Outcome rest = local.render(id, PhaseListener.NONE);
            assertEquals(left, rest.made().clips(), "only the clips the cancel left are made");
            assertEquals(0, rest.made().characters(), "the character sheets were done before");
            assertEquals(1, rest.made().composition());
            assertEquals(0, pipeline.staleness(id).count());
        }
    }

    @Test
    void aRenderCancelledFromAnotherProcessStopsThroughItsWorkersListeningConnectionAndCanBeRenderedAgain()
            throws Exception {
        int id = TestStudios.intake(studio, "harbour4.fountain");
        // An image server that takes a keyframe request and never answers: the render runs until it is cancelled.
        CountDownLatch inKeyframe = new CountDownLatch(1);
        ImageEngine hanging = ImageEngines.hangingKeyframes(inKeyframe);
        RenderPipeline pipeline = pipeline(hanging);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        try (LocalRenders local = new LocalRenders(studio.database(), pipeline, "studio-four", 1)) {
            Thread job = new Thread(() -> {
                try {
                    local.render(id, PhaseListener.NONE);
                } catch (RuntimeException e) {
                    ended.set(e);
                }
            });
            job.start();
            assertTrue(inKeyframe.await(5, TimeUnit.MINUTES), "the render reached a keyframe");
            // Cancelled through another queue object, as another process (the window, jobs --cancel) does: this
            // process's worker hears of it only through the database. While it listens its heartbeat no longer
            // looks for cancels, so only the announcement can stop the unit, which waits on a silent image server.
            WorkerListeners.await(studio.database());
            RenderQueue elsewhere = new RenderQueue(studio.database(), pipeline);
            RenderQueue.Cancelled cancelled = elsewhere.cancel(id, java.time.Duration.ofSeconds(60));
            assertEquals(0, cancelled.stillRunning(), "the worker stopped the running unit");
            job.join(TimeUnit.MINUTES.toMillis(2));
            assertFalse(job.isAlive(), "the render returned");
            assertInstanceOf(java.util.concurrent.CancellationException.class, ended.get());
            assertTrue(
                    ended.get().getMessage().contains("another studio or process"),
                    ended.get().getMessage());
            assertTrue(elsewhere.cancelled(id));
            assertFalse(RenderQueue.ofStudio(studio.database(), pipeline, "studio-four")
                    .pending(id));
        }
        RenderPipeline working = pipeline(new LocalImageEngine());
        try (LocalRenders local = new LocalRenders(studio.database(), working, "studio-four", 1)) {
            LocalRenders.Outcome rest = local.render(id, PhaseListener.NONE);
            assertFalse(new RenderQueue(studio.database(), working).cancelled(id), "rendering again lifts the cancel");
            assertEquals(4, rest.made().clips());
            assertEquals(1, rest.made().composition());
            assertEquals(0, working.staleness(id).count());
        }
    }

    @Test
    void aUnitThatFailsIsNotRetriedAndTheRenderFailsWithItsErrorThenRendersOnlyThatSceneLater() {
        int id = TestStudios.intake(studio, "harbour4.fountain");
        Scene third = new ProjectRepository(studio.database())
                .load(id)
                .orElseThrow()
                .scenes()
                .get(2);
        AtomicInteger refused = new AtomicInteger();
        ImageEngine refusingTheThirdScene = ImageEngines.withKeyframes((request, progress, offline) -> {
            if (request.heading().equals(third.heading())) {
                refused.incrementAndGet();
                throw new StudioException("The image server refused the third scene (test).");
            }
            return offline.keyframe(request, progress);
        });
        RenderPipeline failing = pipeline(refusingTheThirdScene);
        try (LocalRenders local = new LocalRenders(studio.database(), failing, "studio-three", 1)) {
            StudioException e = assertThrows(StudioException.class, () -> local.render(id, PhaseListener.NONE));
            assertEquals("The image server refused the third scene (test).", e.getMessage());
        }
        assertEquals(3, refused.get(), "each of the scene's keyframe units ran once: a local render is not retried");
        List<UnitState> units = units(failing, "studio-three", id);
        List<UnitState> thirdScene = units.stream()
                .filter(u -> u.unit().startsWith(id + "/keyframe/" + third.id() + "/"))
                .toList();
        assertEquals(3, thirdScene.size(), units.toString());
        for (UnitState keyframe : thirdScene) {
            assertEquals("failed", keyframe.state(), units.toString());
            assertEquals(1, keyframe.attempts(), units.toString());
        }
        assertTrue(
                units.stream().noneMatch(u -> u.unit().endsWith("/composition")),
                "the composition waits for every scene: " + units);

        try (LocalRenders local =
                new LocalRenders(studio.database(), pipeline(new LocalImageEngine()), "studio-three", 1)) {
            LocalRenders.Outcome rest = local.render(id, PhaseListener.NONE);
            assertEquals(1, rest.made().clips(), "only the failed scene is made the second time");
            assertEquals(1, rest.made().composition());
        }
    }
}
