package ai.cinboard.pipeline;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.testing.TestStudios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Renders a 20-scene story at 1280x720, 24 fps, edits one keyframe's description, then renders the changes, and
 * prints both wall times (target: the changes take at most 10 % of the full render). Not a test: run with
 * {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=ai.cinboard.pipeline.RenderChangesBenchmark}.
 */
public final class RenderChangesBenchmark {
    private static final String[] PLACES = {
        "INT. KITCHEN - MORNING", "EXT. HARBOUR - DAY", "INT. FERRY CABIN - DAY", "EXT. ISLAND PIER - EVENING"
    };

    public static void main(String[] args) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "20 scenes at 1280x720, 24 fps, %d cores, load average %s%n",
                Runtime.getRuntime().availableProcessors(),
                load());
        Path home = TestStudios.tempHome();
        try (Studio studio = TestStudios.open(home)) {
            int id = studio.intake()
                    .run(
                            new StoryInput(
                                    story().getBytes(StandardCharsets.UTF_8),
                                    "twenty.fountain",
                                    studio.localUserId(),
                                    null,
                                    null,
                                    "benchmark"),
                            PhaseListener.NONE)
                    .projectId();
            // The studio's render path: the units through the job engine, on a worker in this process.
            RenderSettings settings = new RenderSettings(1280, 720, 24, 3, home.resolve("work"), 2);
            long t0 = System.nanoTime();
            RenderPipeline.Result full = studio.renderHere(settings, id, PhaseListener.NONE);
            double fullSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "full render: %.1f s for %.1f s of video, made %s (load %s)%n",
                    fullSeconds,
                    full.durationSeconds(),
                    full.rerendered().asMap(),
                    load());

            Keyframe k = new ai.cinboard.persistence.ProjectRepository(studio.database())
                    .load(id)
                    .orElseThrow()
                    .keyframes()
                    .get(31);
            studio.projectEdits(studio.localUserId())
                    .updateKeyframe(k.id(), "The lamp swings; shadows race across the wall.", k.timingSeconds());
            long t1 = System.nanoTime();
            RenderPipeline.Result changes = studio.renderHere(settings, id, PhaseListener.NONE);
            double changeSeconds = (System.nanoTime() - t1) / 1e9;
            StringBuilder phases = new StringBuilder();
            changes.phaseMillis()
                    .forEach((phase, ms) -> phases.append(String.format(Locale.ROOT, " %s %.1f s", phase, ms / 1e3)));
            System.out.printf(
                    Locale.ROOT,
                    "render changes (1 keyframe edited): %.1f s, made %s;%s (load %s)%n",
                    changeSeconds,
                    changes.rerendered().asMap(),
                    phases,
                    load());
            System.out.printf(
                    Locale.ROOT,
                    "RESULT full %.1f s | changes %.1f s | %.1f %% of the full render (target <= 10 %%)%n",
                    fullSeconds,
                    changeSeconds,
                    100 * changeSeconds / fullSeconds);
        }
    }

    /** Twenty short scenes in four places, with two speakers, so every scene has action and dialogue. */
    private static String story() {
        StringBuilder sb = new StringBuilder("Title: Twenty Scenes\n\n");
        for (int i = 1; i <= 20; i++) {
            sb.append(PLACES[i % PLACES.length]).append("\n\n");
            sb.append(i % 2 == 0 ? "MARA" : "TOMAS")
                    .append(" crosses the room, counting the hours. Scene ")
                    .append(i)
                    .append(" of the long day.\n\n");
            sb.append(i % 2 == 0 ? "TOMAS" : "MARA").append('\n');
            sb.append("We have ").append(21 - i).append(" hours left.\n\n");
        }
        return sb.toString();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
