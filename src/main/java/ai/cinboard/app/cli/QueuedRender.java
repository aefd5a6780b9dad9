package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.RenderWorker;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.UnitState;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.persistence.RenderRepository;
import ai.cinboard.pipeline.RenderQueue;
import ai.cinboard.pipeline.RenderUnit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code render --queue [--wait]}: the project's stale units go to the job engine for the team's workers. Without
 * {@code --wait} it prints the project id and returns; with it, it follows the units to the end and exits as a
 * local render does.
 */
final class QueuedRender {
    /** How often --wait reads the units' state: a person watching, not a machine. */
    private static final long FOLLOW_MILLIS = 500;

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Studio studio;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    QueuedRender(Studio studio, PrintWriter out, PrintWriter err, boolean json) {
        this.studio = studio;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** Refuses, before anything is stored, what workers can't do for this command line. */
    static void check(StudioConfig config, RenderCommand command) {
        if (!config.isSet(SettingsRegistry.DB_URL) || !config.isSet(SettingsRegistry.S3_BUCKET)) {
            throw new StudioException("--queue needs the team's database and media store (CINBOARD_DB_URL and"
                    + " CINBOARD_S3_BUCKET), which workers share; without them, render without --queue.");
        }
        if (command.resolution != null || command.fps != null) {
            throw new StudioException("Workers render at their own CINBOARD_RENDER_RESOLUTION and CINBOARD_RENDER_FPS;"
                    + " drop --resolution/--fps from --queue, or set those on the workers.");
        }
        if (command.out != null) {
            throw new StudioException(
                    "--out copies a local render; for a queued one, export it when it is done (export ID --out FILE).");
        }
    }

    int queue(int projectId, boolean wait) throws InterruptedException {
        RenderQueue queue = studio.renderQueue();
        RenderQueue.Queued queued = queue.enqueue(projectId);
        List<String> units = queued.stale().stream().map(RenderUnit::key).toList();
        if (units.isEmpty()) {
            err.println("Project " + projectId + " is up to date: nothing to render.");
        } else if (queued.online().isEmpty()) {
            err.println("Queued " + units.size() + " render unit(s) of project " + projectId + ". No worker is online:"
                    + " the render waits in the queue until one starts (cinboard worker).");
        } else {
            err.println("Queued " + units.size() + " render unit(s) of project " + projectId + " for "
                    + queued.online().size() + " worker(s) online: "
                    + String.join(
                            ", ",
                            queued.online().stream().map(RenderWorker::name).toList()) + ".");
        }
        List<RenderWorker> unlike = queue.unlike(queued.online());
        if (!unlike.isEmpty()) {
            err.println("note: " + unlike.get(0).name() + " renders with "
                    + unlike.get(0).renderIdentity()
                    + ", and this studio with " + queue.renderIdentity() + ": what the workers make will look stale"
                    + " here. Give this studio the workers' engine and render settings.");
        }
        err.flush();
        if (!wait) {
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("project", projectId);
                doc.put("units", units);
                doc.put("workers_online", queued.online().size());
                print(doc);
            } else {
                out.println(projectId);
            }
            out.flush();
            return 0;
        }
        follow(queue, projectId);
        return finish(queue, projectId);
    }

    /** Prints each unit's change of state (queued, running where, finished) until the engine holds none of them. */
    private void follow(RenderQueue queue, int projectId) throws InterruptedException {
        Map<String, String> seen = new HashMap<>();
        boolean toldWaiting = false;
        while (true) {
            for (UnitState u : queue.units(projectId)) {
                String line = u.state()
                        + (u.worker() == null ? "" : " on " + u.worker())
                        + (u.attempts() == null || u.attempts() < 2 ? "" : " (attempt " + u.attempts() + ")")
                        + (u.error() == null ? "" : ": " + u.error());
                if (!line.equals(seen.put(u.unit(), line))) {
                    err.println("unit " + u.unit() + "  " + line);
                }
            }
            if (!queue.pending(projectId)) {
                return;
            }
            if (!toldWaiting && queue.onlineWorkers().isEmpty()) {
                err.println("Waiting for a worker to start (cinboard worker)...");
                toldWaiting = true;
            }
            err.flush();
            Thread.sleep(FOLLOW_MILLIS);
        }
    }

    private int finish(RenderQueue queue, int projectId) {
        List<UnitState> units = queue.units(projectId);
        if (queue.cancelled(projectId)) {
            err.println("error: the render of project " + projectId + " was cancelled; queue it again with render"
                    + " --project " + projectId + " --queue");
            err.flush();
            return 1;
        }
        if (!queue.upToDate(projectId)) {
            String why = RenderQueue.lastError(units)
                    .map(u -> u.unit() + ": " + u.error())
                    .orElse(
                            queue.unlike(queue.onlineWorkers()).isEmpty()
                                    ? "the workers stopped with work left; queue it again (render --project "
                                            + projectId + " --queue)"
                                    : "the workers finished, but they render with other settings than this studio,"
                                            + " so here the project still reads as stale (see the note above)");
            err.println("error: the render of project " + projectId + " did not finish: " + why);
            err.flush();
            return 1;
        }
        FinalVideo video = new RenderRepository(studio.database())
                .load(projectId).finalVideos().stream()
                        .max(Comparator.comparing(FinalVideo::id))
                        .orElseThrow();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("project", projectId);
            doc.put("final_video", Map.of("video_url", video.videoUrl(), "duration_seconds", video.durationSeconds()));
            doc.put(
                    "units",
                    units.stream()
                            .map(u -> Map.of(
                                    "unit", u.unit(),
                                    "state", u.state(),
                                    "worker", String.valueOf(u.worker()),
                                    "attempts", u.attempts()))
                            .toList());
            print(doc);
        } else {
            out.printf("final video  %s%n", video.videoUrl());
            out.printf("duration     %d s of video%n", video.durationSeconds());
        }
        out.flush();
        return 0;
    }

    private void print(Map<String, Object> doc) {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
