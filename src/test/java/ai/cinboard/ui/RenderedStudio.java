package ai.cinboard.ui;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.persistence.Database;
import ai.cinboard.pipeline.GenerationJobs;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.RenderSettings;
import ai.cinboard.pipeline.StoryInput;
import ai.cinboard.service.JobInfo;
import ai.cinboard.testing.TestStudios;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;

/**
 * The real stack for UI tests: a studio on a temp home and a fresh embedded-PostgreSQL database, local media,
 * the offline engine, stories rendered before the window opens, and a real generation executor behind the
 * window's services. One per test class: rendering takes tens of seconds.
 */
final class RenderedStudio implements AutoCloseable {
    final Path home = TestStudios.tempHome();
    final Studio studio = TestStudios.open(home);
    final RenderSettings settings;
    final GenerationJobs jobs;
    final StudioServices services;

    RenderedStudio(int width, int height) {
        settings = new RenderSettings(width, height, 12, 3, home.resolve("work"), 2);
        jobs = new GenerationJobs(studio.database(), () -> studio.render(settings), 1, studio.localRenders(settings));
        services = studio.services(jobs);
    }

    /** Intake and a full render of a story from the test resources; returns the project (input record) id. */
    int render(String story) {
        int id = studio.intake()
                .run(
                        new StoryInput(TestStudios.story(story), story, studio.localUserId(), null, null, "test"),
                        PhaseListener.NONE)
                .projectId();
        studio.renderHere(settings, id, PhaseListener.NONE);
        return id;
    }

    /** Waits until no job is pending or running; returns every job. */
    List<JobInfo> awaitJobs() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (jobs.listJobs().stream().anyMatch(j -> !j.status().isFinished())) {
            if (System.nanoTime() > deadline) throw new AssertionError("jobs still running: " + jobs.listJobs());
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return jobs.listJobs();
    }

    /** Waits for the jobs, then asserts that every job started since {@code earlier} was listed completed. */
    void awaitJobsCompleted(List<JobInfo> earlier) {
        Set<String> old = earlier.stream().map(JobInfo::jobId).collect(Collectors.toSet());
        List<JobInfo> started =
                awaitJobs().stream().filter(j -> !old.contains(j.jobId())).toList();
        if (started.isEmpty() || !started.stream().allMatch(j -> j.status() == PhaseStatus.COMPLETED)) {
            throw new AssertionError("expected new jobs, all completed: " + started);
        }
    }

    /** Reads persisted state straight from the database, for assertions. */
    <T> T read(Function<SqlSession, T> query) {
        return database().read(query);
    }

    Database database() {
        return studio.database();
    }

    @Override
    public void close() {
        jobs.close();
        studio.close();
    }
}
