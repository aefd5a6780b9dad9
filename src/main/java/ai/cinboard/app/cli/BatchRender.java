package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.StudioException;
import ai.cinboard.pipeline.InputRefusedException;
import ai.cinboard.pipeline.LocalRenders;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * {@code render FILE... [--manifest batch.csv]}: renders the stories one after another, each with its own options
 * (checked, all of them, before the first is stored), goes on past a story that fails, and ends with a summary
 * table: story, project id, status, video duration and wall time. Exit code 1 when any story failed.
 */
final class BatchRender {
    /** How one story of the batch went. {@code projectId} is 0 when no project was stored. */
    record Outcome(
            String story,
            int projectId,
            boolean ok,
            String error,
            double videoSeconds,
            double wallSeconds,
            Path video) {}

    private final RenderCommand command;
    private final List<RenderCommand.StoryJob> jobs;

    BatchRender(RenderCommand command, List<RenderCommand.StoryJob> jobs) {
        this.command = command;
        this.jobs = jobs;
    }

    int run() throws IOException {
        PrintWriter err = command.err();
        TerminalProgress progress = new TerminalProgress(err, System.console() != null);
        List<Outcome> outcomes = new ArrayList<>();
        try (Studio studio = Studio.open(command.parent().config());
                CliUser user = CliUser.signIn(studio, command.parent().config())) {
            for (int i = 0; i < jobs.size(); i++) {
                RenderCommand.StoryJob job = jobs.get(i);
                err.printf("[%d/%d] %s%n", i + 1, jobs.size(), job.label());
                err.flush();
                long start = System.nanoTime();
                int[] projectId = {0};
                try {
                    RenderCommand.Rendered r =
                            command.render(studio, user, job, null, progress, err, id -> projectId[0] = id);
                    Path video = command.copyOut(studio, r.recordId(), r.result());
                    outcomes.add(new Outcome(
                            job.label(),
                            r.recordId(),
                            true,
                            null,
                            r.result().durationSeconds(),
                            r.wallSeconds(),
                            video));
                } catch (RuntimeException e) {
                    if (e instanceof CancellationException && !(e instanceof LocalRenders.CancelledElsewhere)) {
                        throw e; // Ctrl+C stops the whole batch
                    }
                    // the story failed (or was cancelled from elsewhere); its reason goes in the summary and the
                    // batch goes on
                    String reason = e instanceof StudioException || e instanceof LocalRenders.CancelledElsewhere
                            ? e.getMessage()
                            : e.getClass().getSimpleName() + ": " + e.getMessage();
                    err.println("error: " + job.label() + ": " + reason);
                    if (e instanceof InputRefusedException refused) {
                        projectId[0] = refused.projectId();
                    }
                    outcomes.add(new Outcome(
                            job.label(), projectId[0], false, reason, 0, (System.nanoTime() - start) / 1e9, null));
                }
            }
        }
        long failed = outcomes.stream().filter(o -> !o.ok()).count();
        PrintWriter o = command.out();
        if (command.json()) {
            List<Map<String, Object>> stories = new ArrayList<>();
            for (Outcome x : outcomes) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("story", x.story());
                m.put("projectId", x.projectId() == 0 ? null : x.projectId());
                m.put("status", x.ok() ? "rendered" : "failed");
                m.put("error", x.error());
                m.put("videoSeconds", x.ok() ? x.videoSeconds() : null);
                m.put("wallSeconds", x.wallSeconds());
                m.put("video", x.video() == null ? null : x.video().toString());
                stories.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("stories", stories);
            doc.put("rendered", outcomes.size() - failed);
            doc.put("failed", failed);
            o.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } else {
            o.println();
            o.print(table(outcomes));
            o.printf(
                    Locale.ROOT,
                    "%d of %d stories rendered, %d failed%n",
                    outcomes.size() - failed,
                    outcomes.size(),
                    failed);
        }
        o.flush();
        return failed == 0 ? 0 : 1;
    }

    /** The summary: one line per story, its failure's reason under it. */
    static String table(List<Outcome> outcomes) {
        int width = Math.max(
                5, outcomes.stream().mapToInt(x -> x.story().length()).max().orElse(5));
        String row = "%-" + width + "s  %7s  %-8s  %9s  %8s%n";
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, row, "story", "project", "status", "video", "wall"));
        for (Outcome x : outcomes) {
            b.append(String.format(
                    Locale.ROOT,
                    row,
                    x.story(),
                    x.projectId() == 0 ? "-" : String.valueOf(x.projectId()),
                    x.ok() ? "rendered" : "FAILED",
                    x.ok() ? String.format(Locale.ROOT, "%.1f s", x.videoSeconds()) : "-",
                    String.format(Locale.ROOT, "%.1f s", x.wallSeconds())));
            if (!x.ok()) {
                b.append("  ").append(x.error()).append(System.lineSeparator());
            }
        }
        return b.toString();
    }
}
