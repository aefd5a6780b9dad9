package ai.cinboard.testing;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.pipeline.RenderSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A whole studio (real database, local media, in-process cache, offline engine) on a fresh home and database. */
public final class TestStudios {
    private TestStudios() {}

    public static Map<String, String> environment(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("CINBOARD_HOME", home.toString());
        env.put("CINBOARD_DB_URL", TestDatabases.createEmptyDatabase());
        env.put("CINBOARD_DB_USER", "postgres");
        return env;
    }

    public static Studio open(Path home) {
        return Studio.open(StudioConfig.load(environment(home)));
    }

    /** Small frames keep encoding fast; everything else is the real render. */
    public static RenderSettings smallRender(Path home) {
        return new RenderSettings(320, 180, 12, 3, home.resolve("work"), 2);
    }

    /** Intake of a story from the test resources, as the studio's local profile; returns the project's id. */
    public static int intake(Studio studio, String story) {
        return intake(studio, story(story), story);
    }

    /** Intake of {@code text} under {@code fileName}, as the studio's local profile; returns the project's id. */
    public static int intake(Studio studio, byte[] text, String fileName) {
        return studio.intake()
                .run(
                        new ai.cinboard.pipeline.StoryInput(text, fileName, studio.localUserId(), null, null, "test"),
                        ai.cinboard.pipeline.PhaseListener.NONE)
                .projectId();
    }

    public static byte[] story(String name) {
        try (var in = TestStudios.class.getResourceAsStream("/stories/pipeline/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path tempHome() {
        try {
            return Files.createTempDirectory("cinboard-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
