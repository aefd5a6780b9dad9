package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.UnitState;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.local.EspeakSpeechEngine;
import ai.cinboard.generation.local.LocalVideoEngine;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.testing.ImageEngines;
import ai.cinboard.testing.TestStudios;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How render units end when things go wrong on the team's workers (real PostgreSQL, the offline engines, workers in
 * this JVM): a unit that fails for good stays failed whichever worker finishes next, a stopping worker hands its unit
 * back without spending an attempt, a dead run of a cancelled render doesn't stay "running", and a worker name is
 * one worker.
 */
class RenderUnitFailuresTest {
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
        return studio.render(TestStudios.smallRender(home))
                .withEngines(images, new LocalVideoEngine(), new EspeakSpeechEngine());
    }

    private static RenderQueue.WorkerSettings worker(String name, int concurrency) {
        return new RenderQueue.WorkerSettings(name, concurrency, Duration.ofMillis(500), Duration.ofMillis(200));
    }

    /**
     * The third scene's keyframes always fail. Each of its three units runs its three attempts and is given up; a
     * keyframe of the fourth scene is held until then, so a sibling finishes on a worker after the give-ups, when
     * it queues whatever is ready: the given-up units must not be among it (they used to start over at attempt 1).
     */
    @Test
    void aUnitThatFailedForGoodIsNotQueuedAgainWhenASiblingFinishesOnAnotherWorker() throws Exception {
        int id = TestStudios.intake(studio, "harbour4.fountain");
        List<Scene> scenes =
                new ProjectRepository(studio.database()).load(id).orElseThrow().scenes();
        Scene third = scenes.get(2);
        Scene fourth = scenes.get(3);
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch givenUp = new CountDownLatch(3);
        RenderPipeline pipeline = pipeline(ImageEngines.withKeyframes((request, progress, offline) -> {
            if (request.heading().equals(third.heading())) {
                refused.incrementAndGet();
                throw new StudioException("The image server refused the third scene (test).");
            }
            if (request.heading().equals(fourth.heading())) {
                try {
                    assertTrue(givenUp.await(3, TimeUnit.MINUTES), "the third scene's units were given up");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return offline.keyframe(request, progress);
        }));
        RenderQueue queue = new RenderQueue(studio.database(), pipeline);
        List<String> failures = new CopyOnWriteArrayList<>();
        RenderQueue.WorkerEvents events = new RenderQueue.WorkerEvents() {
            @Override
            public void changed(PhaseListener.PhaseEvent event) {}

            @Override
            public void failed(RenderUnit unit, int attempt, boolean last, RuntimeException e) {
                failures.add(unit.key() + " attempt " + attempt + (last ? " last" : ""));
                if (last) {
                    givenUp.countDown();
                }
            }
        };
        // Three at a time each: the held keyframes of the fourth scene never starve the others.
        try (RenderQueue.Worker a = queue.startWorker(worker("box-a", 3), events);
                RenderQueue.Worker b = queue.startWorker(worker("box-b", 3), events)) {
            queue.enqueue(id);
            awaitNothingPending(queue, id);
        }

        assertEquals(9, refused.get(), "3 units × 3 attempts, then never again: " + failures);
        List<UnitState> units = queue.units(id);
        List<UnitState> failed = units.stream()
                .filter(u -> u.unit().startsWith(id + "/keyframe/" + third.id() + "/"))
                .toList();
        assertEquals(3, failed.size(), units.toString());
        for (UnitState unit : failed) {
            assertEquals("failed", unit.state(), units.toString());
            assertEquals(3, unit.attempts(), units.toString());
            assertEquals(3, runs(id, unit.unit()), "three runs of " + unit.unit());
        }
        assertTrue(
                units.stream()
                        .anyMatch(u -> u.unit().equals(id + "/clip/" + fourth.id())
                                && u.state().equals("completed")),
                "the held scene finished after the give-ups: " + units);
        assertEquals("failed", status(id), "the render ended failed, whichever unit wrote last");
    }

    /** SIGTERM's path: a worker that stops hands its running unit back, its attempt uncounted; the next renders it. */
    @Test
    void aStoppingWorkerHandsItsUnitBackAndTheNextWorkerRendersItAsTheSameAttempt() throws Exception {
        int id = TestStudios.intake(studio, "harbour4.fountain");
        CountDownLatch asked = new CountDownLatch(1);
        RenderQueue hanging = new RenderQueue(studio.database(), pipeline(ImageEngines.hangingKeyframes(asked)));
        List<String> log = new CopyOnWriteArrayList<>();
        String unit;
        try (RenderQueue.Worker stopping = hanging.startWorker(
                new RenderQueue.WorkerSettings(
                        "box-stopping", 1, Duration.ofMillis(500), Duration.ofMillis(200), Duration.ZERO, false),
                PhaseListener.NONE,
                log::add)) {
            hanging.enqueue(id);
            assertTrue(asked.await(2, TimeUnit.MINUTES), "a keyframe unit is running: " + log);
            unit = text("SELECT task_instance FROM scheduled_tasks WHERE picked AND task_instance LIKE ?", id + "/%");
        } // stops it: no time to finish (Duration.ZERO), so the unit is handed back

        assertTrue(log.contains("handed back " + unit + ": the worker is stopping"), log.toString());
        assertEquals(
                "false 0",
                text(
                        "SELECT picked || ' ' || COALESCE(consecutive_failures, 0) FROM scheduled_tasks"
                                + " WHERE task_instance = ?",
                        unit),
                "queued again, no attempt spent");
        assertEquals(
                "interrupted",
                text(
                        "SELECT string_agg(DISTINCT status, ',') FROM processing_statuses WHERE phase_data->>'unit' = ?",
                        unit),
                "its phase was cut short, not cancelled");
        assertEquals("processing", status(id), "the render goes on");
        assertEquals(0, count("SELECT count(*) FROM render_workers WHERE name = 'box-stopping'"));

        RenderQueue working = new RenderQueue(studio.database(), studio.render(TestStudios.smallRender(home)));
        try (RenderQueue.Worker next = working.startWorker(worker("box-next", 2), PhaseListener.NONE, log::add)) {
            awaitNothingPending(working, id);
        }
        assertTrue(working.upToDate(id), log.toString());
        UnitState done = working.units(id).stream()
                .filter(u -> u.unit().equals(unit))
                .findFirst()
                .orElseThrow();
        assertEquals("completed", done.state(), done.toString());
        assertEquals("box-next", done.worker(), done.toString());
        assertEquals(1, done.attempts(), "the handed-back run was no attempt: " + done);
        assertTrue(log.contains("took " + unit + " (attempt 1)"), log.toString());
        assertEquals("completed", status(id));
    }

    /**
     * A worker died running a unit, then the render was cancelled: the unit's revival ends it without work, and its
     * dead run's phase no longer reads "running" (the jobs list showed it running forever), nor the project.
     */
    @Test
    void aDeadRunOfACancelledRenderEndsInterruptedAndTheProjectCancelled() throws Exception {
        int id = TestStudios.intake(studio, "harbour4.fountain");
        RenderQueue queue = new RenderQueue(studio.database(), studio.render(TestStudios.smallRender(home)));
        queue.enqueue(id); // no worker yet: the first units wait
        String unit =
                text("SELECT min(task_instance) FROM scheduled_tasks WHERE task_instance LIKE ?", id + "/character/%");
        // As a worker "gone" left it when it was killed mid-unit: picked, silent for an hour, a phase running.
        try (Connection c = studio.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement("UPDATE scheduled_tasks SET picked = true, picked_by ="
                        + " 'gone', last_heartbeat = now() - interval '1 hour', version = version + 1"
                        + " WHERE task_instance = ?")) {
            c.setAutoCommit(true);
            st.setString(1, unit);
            assertEquals(1, st.executeUpdate());
        }
        new PhaseRecorder(studio.database(), PhaseListener.NONE)
                .start(id, Phase.CHARACTERS, Map.of("unit", unit, "worker", "gone", "attempt", 1));

        RenderQueue.Cancelled cancelled = queue.cancel(id, Duration.ZERO);
        assertEquals(1, cancelled.running(), "the dead run still counts as running: " + cancelled);
        assertTrue(cancelled.removed() > 0, "the queued units left the engine: " + cancelled);

        List<String> log = new CopyOnWriteArrayList<>();
        try (RenderQueue.Worker reviver = queue.startWorker(worker("box-reviver", 1), PhaseListener.NONE, log::add)) {
            awaitNothingPending(queue, id);
        }
        assertEquals(0, count("SELECT count(*) FROM processing_statuses WHERE status = 'running'"), log.toString());
        assertEquals("interrupted", text("SELECT status FROM processing_statuses WHERE phase_data->>'unit' = ?", unit));
        assertEquals("cancelled", status(id));
    }

    @Test
    void aSecondWorkerUnderTheNameOfOneOnlineIsRefused() {
        RenderQueue queue = new RenderQueue(studio.database(), studio.render(TestStudios.smallRender(home)));
        try (RenderQueue.Worker first = queue.startWorker(worker("box-same", 1), PhaseListener.NONE, line -> {})) {
            StudioException e = assertThrows(
                    StudioException.class,
                    () -> queue.startWorker(worker("box-same", 1), PhaseListener.NONE, line -> {}));
            assertTrue(e.getMessage().startsWith("A worker named box-same is already online"), e.getMessage());
            assertTrue(e.getMessage().endsWith("give this one another --name."), e.getMessage());
            assertEquals(List.of("box-same"), names(queue));
        }
        assertFalse(names(queue).contains("box-same"), "a stopped worker leaves the list");
    }

    /** Workers that render differently would each redo the others' work: one unlike a worker online is refused. */
    @Test
    void aWorkerThatWouldRenderUnlikeOneOnlineIsRefusedAndAStudioUnlikeThemIsTold() {
        RenderSettings small = TestStudios.smallRender(home);
        RenderSettings faster = new RenderSettings(
                small.width(),
                small.height(),
                small.fps() + 1,
                small.keyframesPerScene(),
                small.workDir(),
                small.encoderThreads());
        RenderQueue queue = new RenderQueue(studio.database(), studio.render(small));
        RenderQueue unlike = new RenderQueue(studio.database(), studio.render(faster));
        try (RenderQueue.Worker first = queue.startWorker(worker("box-one", 1), PhaseListener.NONE, line -> {})) {
            StudioException e = assertThrows(
                    StudioException.class,
                    () -> unlike.startWorker(worker("box-two", 1), PhaseListener.NONE, line -> {}));
            assertTrue(e.getMessage().startsWith("The worker box-one online renders with images "), e.getMessage());
            assertTrue(e.getMessage().contains(" at " + small.fps() + " fps"), e.getMessage());
            assertTrue(e.getMessage().contains(" at " + faster.fps() + " fps"), e.getMessage());
            assertEquals(List.of("box-one"), names(queue), "the refused worker never joined");

            assertEquals(List.of(), queue.unlike(queue.onlineWorkers()), "a studio like its workers");
            assertEquals(
                    List.of("box-one"),
                    unlike.unlike(unlike.onlineWorkers()).stream()
                            .map(ai.cinboard.domain.RenderWorker::name)
                            .toList());
        }
    }

    private static List<String> names(RenderQueue queue) {
        return queue.onlineWorkers().stream()
                .map(ai.cinboard.domain.RenderWorker::name)
                .toList();
    }

    private static void awaitNothingPending(RenderQueue queue, int id) throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (queue.pending(id)) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("units still pending: " + queue.units(id));
            }
            Thread.sleep(50);
        }
    }

    /** A keyframe unit's runs: one keyframes phase each. */
    private int runs(int id, String unit) throws SQLException {
        return count(
                "SELECT count(*) FROM processing_statuses WHERE input_record_id = " + id
                        + " AND phase_data->>'unit' = ?",
                unit);
    }

    private String status(int id) throws SQLException {
        return text("SELECT status FROM input_records WHERE id = " + id);
    }

    private int count(String sql, Object... params) throws SQLException {
        return Integer.parseInt(text(sql, params));
    }

    private String text(String sql, Object... params) throws SQLException {
        try (Connection c = studio.database().dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getString(1);
            }
        }
    }
}
