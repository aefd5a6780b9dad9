package ai.cinboard.app.cli;

import ai.cinboard.app.StudioConfig;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.SystemMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code db}: database commands. */
@Command(
        name = "db",
        description = "Database commands.",
        subcommands = {DbCommand.Info.class, DbCommand.Roles.class})
public final class DbCommand implements Runnable {
    @picocli.CommandLine.ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code db info}: the schema version and the row count of each table. */
    @Command(name = "info", description = "Show the schema version and the row count of each table.")
    public static final class Info implements Callable<Integer> {
        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @picocli.CommandLine.ParentCommand
        DbCommand parent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            StudioConfig config = parent.parent.config();
            try (Database db = Database.open(config.database())) {
                List<Map<String, Object>> counts =
                        db.read(s -> s.getMapper(SystemMapper.class).rowCounts());
                var out = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("database", db.describeUrl());
                    doc.put("schemaVersion", db.schemaVersion());
                    Map<String, Object> tables = new LinkedHashMap<>();
                    counts.forEach(
                            r -> tables.put((String) r.get("table_name"), ((Number) r.get("row_count")).longValue()));
                    doc.put("tables", tables);
                    out.println(
                            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
                } else {
                    out.printf("database        %s%n", db.describeUrl());
                    out.printf("schema version  %s%n", db.schemaVersion());
                    out.println();
                    out.printf("%-22s %10s%n", "table", "rows");
                    counts.forEach(r ->
                            out.printf("%-22s %10d%n", r.get("table_name"), ((Number) r.get("row_count")).longValue()));
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code db roles}: the least-privilege roles script for a team's server, to pipe into psql. */
    @Command(
            name = "roles",
            description = "Print the SQL that creates least-privilege roles for a shared server"
                    + " (owner, app, read-only); pipe it into psql as a superuser.")
    public static final class Roles implements Callable<Integer> {
        /** Shipped beside the migrations; the test runs this same file. */
        public static final String SCRIPT = "/db/roles/least-privilege-roles.sql";

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (var in = Roles.class.getResourceAsStream(SCRIPT)) {
                spec.commandLine()
                        .getOut()
                        .print(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
