package ai.cinboard.app.cli;

import ai.cinboard.app.health.HealthCheck;
import ai.cinboard.app.health.HealthReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code doctor}: is everything the studio needs reachable and healthy? */
@Command(name = "doctor", description = "Check the database, schema, pool, cache, media store and disk.")
public final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @picocli.CommandLine.ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        HealthReport report = HealthCheck.run(parent.configUnchecked());
        var out = spec.commandLine().getOut();
        out.println(json ? report.toJson() : report.toText());
        out.flush();
        return report.ok() ? 0 : 1;
    }
}
