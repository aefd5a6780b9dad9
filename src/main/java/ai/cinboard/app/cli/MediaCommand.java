package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.service.maintenance.MediaIntegrity;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code media verify [--json]}: every media URL in the database names a complete file with the right hash. */
@Command(
        name = "media",
        description = "Check the media store against the database.",
        subcommands = {MediaCommand.Verify.class})
public final class MediaCommand implements Runnable {
    @ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "verify",
            description = "Read back every media file a row refers to and compare its SHA-256 with its"
                    + " content-addressed name; exits 1 if one is missing or damaged.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @ParentCommand
        MediaCommand media;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            MediaIntegrity.Result r;
            try (Studio studio = Studio.open(media.parent.config())) {
                r = new MediaIntegrity(studio.database(), studio.media()).check();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("checked", r.checked());
                doc.put("bytes", r.bytes());
                doc.put("ok", r.ok());
                doc.put("problems", r.problems());
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            } else {
                r.problems().forEach(p -> out.printf("%-10s %s  (%s)%n", p.kind(), p.url(), p.detail()));
                out.printf(
                        "%d media URL(s) checked, %.1f MB read back: %s%n",
                        r.checked(),
                        r.bytes() / 1e6,
                        r.ok()
                                ? "all present and matching their hashes"
                                : r.problems().size() + " problem(s)");
            }
            out.flush();
            return r.ok() ? 0 : 1;
        }
    }
}
