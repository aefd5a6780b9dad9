package ai.cinboard.app.cli;

import ai.cinboard.app.StudioConfig;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.Setting;
import ai.cinboard.domain.settings.SettingSource;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.generation.remote.Secrets;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code config}: the settings of {@link SettingsRegistry}, their values and where each came from (default, file or
 * environment); {@code set} and {@code unset} merge one key into {@code cinboard.properties}, atomically, and leave
 * every other line as it was.
 */
@Command(
        name = "config",
        description = "Show and change the settings in CINBOARD_HOME/cinboard.properties.",
        subcommands = {
            ConfigCommand.ListSettings.class,
            ConfigCommand.Get.class,
            ConfigCommand.Set.class,
            ConfigCommand.Unset.class
        })
public final class ConfigCommand implements Runnable {
    @ParentCommand
    StudioCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The value as it may be shown: secrets masked, a stored secret never read (no passphrase prompt). */
    static String shown(StudioConfig.Resolved r) {
        if (r.source() == SettingSource.SECRET_STORE) {
            return "(in the secret store)";
        }
        if (r.value() == null) {
            return null;
        }
        // a password written into a database URL is a secret too
        return r.setting().secret() ? Secrets.mask(r.value()) : ai.cinboard.persistence.Database.redact(r.value());
    }

    /** The setting called {@code name}, or one line naming it with the closest known names. */
    static Setting<?> setting(String name) {
        return SettingsRegistry.find(name).orElseThrow(() -> {
            List<String> near = SettingsRegistry.names().stream()
                    .sorted(Comparator.comparingInt(n -> distance(n, name)))
                    .limit(3)
                    .toList();
            return new StudioException("\"" + name + "\" is not a setting; did you mean " + String.join(", ", near)
                    + "? `cinboard config list` shows every setting and its allowed values.");
        });
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toUpperCase(a.charAt(i - 1)) == Character.toUpperCase(b.charAt(j - 1)) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** {@code config list [--json]}. */
    @Command(name = "list", description = "Every setting: its value (secrets masked) and where it came from.")
    public static final class ListSettings implements Callable<Integer> {
        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @ParentCommand
        ConfigCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            StudioConfig config = parent.parent.configUnchecked();
            PrintWriter out = spec.commandLine().getOut();
            List<StudioConfig.Resolved> all = SettingsRegistry.all().stream()
                    .<StudioConfig.Resolved>map(config::resolve)
                    .toList();
            if (json) {
                List<Map<String, Object>> doc = new ArrayList<>();
                for (StudioConfig.Resolved r : all) {
                    Setting<?> s = r.setting();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("key", s.name());
                    row.put("value", shown(r));
                    row.put("source", r.source().label());
                    row.put("default", s.defaultValue());
                    row.put("secret", s.secret());
                    row.put("fileAllowed", s.fileAllowed());
                    row.put("allowed", s.type().allowed());
                    if (!s.type().choices().isEmpty()) {
                        row.put("choices", s.type().choices());
                    }
                    row.put("description", s.description());
                    doc.add(row);
                }
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            } else {
                out.printf("%-34s %-32s %s%n", "setting", "value", "source");
                for (StudioConfig.Resolved r : all) {
                    String v = shown(r);
                    out.printf(
                            "%-34s %-32s %s%n",
                            r.setting().name(),
                            v == null ? "(unset)" : v,
                            r.source().label());
                }
                out.println();
                out.println("Settings file: " + config.file().path()
                        + ". The environment overrides the file. `cinboard config list --json` adds each setting's"
                        + " allowed values and meaning.");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code config get KEY}: the value alone (secrets masked), for scripts. */
    @Command(name = "get", description = "Print one setting's value (secrets masked).")
    public static final class Get implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY", description = "e.g. CINBOARD_IMAGE_ENGINE")
        String key;

        @ParentCommand
        ConfigCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Setting<?> setting = setting(key);
            String v = shown(parent.parent.configUnchecked().resolve(setting));
            PrintWriter out = spec.commandLine().getOut();
            out.println(v == null ? "" : v);
            out.flush();
            return 0;
        }
    }

    /** {@code config set KEY VALUE}: checked by the key's validator, then merged into the file atomically. */
    @Command(name = "set", description = "Set one setting in cinboard.properties (other settings are kept).")
    public static final class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", paramLabel = "VALUE")
        String value;

        @ParentCommand
        ConfigCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Setting<?> setting = writable(setting(key));
            StudioConfig.check(setting, value); // one line naming the key and what it allows; the file is untouched
            StudioConfig config = parent.parent.configUnchecked();
            List<String> changed = config.file().update(Map.of(setting.name(), value.strip()));
            PrintWriter out = spec.commandLine().getOut();
            out.printf(
                    "%s %s=%s in %s.%n",
                    changed.isEmpty() ? "Unchanged:" : "Set",
                    setting.name(),
                    value.strip(),
                    config.file().path());
            warnIfOverridden(config, setting, spec.commandLine().getErr());
            out.flush();
            return 0;
        }
    }

    /** {@code config unset KEY}: removes the key from the file, so the default (or the environment) applies. */
    @Command(name = "unset", description = "Remove one setting from cinboard.properties (its default applies).")
    public static final class Unset implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @ParentCommand
        ConfigCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Setting<?> setting = writable(setting(key));
            StudioConfig config = parent.parent.configUnchecked();
            List<String> changed = config.file().update(java.util.Collections.singletonMap(setting.name(), null));
            PrintWriter out = spec.commandLine().getOut();
            out.printf(
                    "%s %s in %s.%n",
                    changed.isEmpty() ? "Not set:" : "Removed",
                    setting.name(),
                    config.file().path());
            warnIfOverridden(config, setting, spec.commandLine().getErr());
            out.flush();
            return 0;
        }
    }

    private static Setting<?> writable(Setting<?> setting) {
        if (setting.secret() && setting.fileAllowed()) {
            throw new StudioException(setting.name() + " is a secret and is never written to cinboard.properties;"
                    + " store it with `cinboard secrets set " + setting.name() + "` (value on standard input).");
        }
        if (!setting.fileAllowed()) {
            throw new StudioException(
                    setting.name() + " can only be set in the environment, not in" + " cinboard.properties.");
        }
        return setting;
    }

    private static void warnIfOverridden(StudioConfig config, Setting<?> setting, PrintWriter err) {
        if (config.resolve(setting).source() == SettingSource.ENVIRONMENT) {
            err.println("note: " + setting.name() + " is also set in the environment, which overrides the file.");
            err.flush();
        }
    }
}
