package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.UnitState;
import ai.cinboard.persistence.ProjectAccess;
import ai.cinboard.pipeline.RenderQueue;
import ai.cinboard.pipeline.RenderWatch;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jobs [--follow] [--json]}: running and recent renders, whichever process runs them (this machine's studio,
 * a teammate's, a command-line {@code render}), from {@code processing_statuses}; {@code --follow} then prints one
 * line per change until interrupted, live from the Redis status topic or by polling the table without Redis.
 * {@code jobs --cancel PROJECT} cancels a render wherever its units run.
 */
@Command(
        name = "jobs",
        description = "Running and recent renders: project, phase, progress, elapsed time and error."
                + " --follow streams every change until interrupted (Ctrl+C); --cancel PROJECT cancels a render"
                + " wherever it runs.")
public final class JobsCommand implements Callable<Integer> {
    @Option(
            names = "--follow",
            description = "Keep running and print one line per change (live with Redis, polling without).")
    boolean follow;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Option(
            names = "--cancel",
            paramLabel = "PROJECT",
            description = "Cancel the project's render wherever it runs (the team's workers, another studio, a"
                    + " command-line render): its queued units leave the queue and its running ones stop.")
    Integer cancel;

    /** How long --cancel waits for the running units to stop. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);

    @ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** For renders queued for workers: their units. */
    private RenderQueue queue;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (cancel != null && follow) {
            throw new StudioException(
                    "--cancel and --follow don't go together: cancel first, then follow with jobs" + " --follow.");
        }
        try (Studio studio = Studio.open(parent.config());
                CliUser user = CliUser.signIn(studio, parent.config())) {
            RenderWatch watch = studio.renderWatch();
            queue = studio.renderQueue();
            if (cancel != null) {
                ProjectAccess.requireOwner(studio.database(), user.userId(), cancel);
                RenderQueue.Cancelled done = queue.cancel(cancel, CANCEL_WAIT);
                if (json) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("project", cancel);
                    o.put("removed_units", done.removed());
                    o.put("running_units", done.running());
                    o.put("still_running", done.stillRunning());
                    out.println(JSON.writeValueAsString(o));
                } else if (done.foundNothing()) {
                    out.println("Nothing of project " + cancel + "'s render was queued or running on the job engine;"
                            + " a regeneration (new takes) in a studio can only be cancelled there.");
                } else {
                    out.println("Cancelled the render of project " + cancel + ": " + done.removed()
                            + " queued unit(s) removed, " + done.running() + " running"
                            + (done.stillRunning() == 0
                                    ? ", all stopped."
                                    : "; " + done.stillRunning() + " not stopped after " + CANCEL_WAIT.toSeconds()
                                            + " s (a worker that can't reach the database stops them when it does;"
                                            + " a dead worker's are dropped when the engine takes them back)."));
                }
                out.flush();
                return 0;
            }
            if (!follow) {
                List<JobInfo> recent = watch.recent();
                if (recent.isEmpty() && !json) {
                    out.println("No renders yet.");
                }
                recent.forEach(j -> print(out, j));
                out.flush();
                return 0;
            }
            watch.recent().stream()
                    .filter(j -> j.status() == PhaseStatus.RUNNING)
                    .sorted(Comparator.comparingInt(JobInfo::projectId))
                    .forEach(j -> print(out, j));
            out.flush();
            try (UntilStopped stopped = new UntilStopped("jobs-follow-stop", Duration.ofSeconds(10));
                    AutoCloseable watching = watch.watch(j -> {
                        synchronized (out) {
                            print(out, j);
                            out.flush();
                        }
                    })) {
                err.println(
                        watch.live()
                                ? "Following renders live from the Redis status topic; Ctrl+C stops."
                                : "Following renders by polling the database (no Redis configured); Ctrl+C stops.");
                err.flush();
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    private void print(PrintWriter out, JobInfo j) {
        List<UnitState> units = queue.units(j.projectId());
        JobPhase current = current(j);
        long elapsed = j.phases().stream()
                .map(JobPhase::elapsed)
                .reduce(Duration.ZERO, Duration::plus)
                .toSeconds();
        String error = j.phases().stream()
                .map(JobPhase::error)
                .filter(e -> e != null && !e.isBlank())
                .reduce((a, b) -> b)
                .orElse(null);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("project", j.projectId());
            o.put("title", j.title().replaceFirst("^Render ", ""));
            o.put("phase", current == null ? null : current.phase().dbValue());
            o.put(
                    "status",
                    current == null ? j.status().dbValue() : current.status().dbValue());
            o.put("progress", current == null ? 0 : current.progress());
            o.put("render_status", j.status().dbValue());
            o.put("elapsed_seconds", elapsed);
            o.put("error", error);
            o.put("units", units.stream().map(JobsCommand::unitJson).toList());
            try {
                out.println(JSON.writeValueAsString(o));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.printf(
                    "#%d  %s  %s %s %d%%  %s%s%n",
                    j.projectId(),
                    j.title().replaceFirst("^Render ", ""),
                    current == null ? "-" : current.phase().dbValue(),
                    current == null ? j.status().dbValue() : current.status().dbValue(),
                    current == null ? 0 : current.progress(),
                    String.format("%d:%02d", elapsed / 60, elapsed % 60),
                    error == null ? "" : "  error: " + error);
            for (UnitState u : units) {
                out.printf(
                        "    %-22s %-9s %s attempt%s %d%s%n",
                        u.unit(),
                        u.state(),
                        u.worker() == null ? "-" : u.worker(),
                        u.attempts() == 1 ? "" : "s",
                        u.attempts(),
                        u.error() == null ? "" : "  error: " + u.error());
            }
        }
    }

    /** One render unit as --json shows it: {@code unit}, {@code state}, {@code worker}, {@code attempts}, error. */
    private static Map<String, Object> unitJson(UnitState u) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("unit", u.unit());
        o.put("state", u.state());
        o.put("worker", u.worker());
        o.put("attempts", u.attempts());
        o.put("error", u.error());
        return o;
    }

    /** The phase running now, or else the last one that ran. */
    static JobPhase current(JobInfo j) {
        JobPhase last = null;
        for (JobPhase p : j.phases()) {
            if (p.status() == PhaseStatus.RUNNING) {
                return p;
            }
            if (p.status() != PhaseStatus.PENDING) {
                last = p;
            }
        }
        return last;
    }
}
