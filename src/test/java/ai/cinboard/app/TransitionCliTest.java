package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.domain.Transition;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.StoryInput;
import ai.cinboard.testing.TestStudios;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * edit ID --scene N --transition KIND [--transition-seconds S] and render --transition: stored with the project;
 * bad values are one line, exit 2, and nothing stored.
 */
class TransitionCliTest {
    record Result(int exit, String out, String err) {}

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static Transition secondScene(Map<String, String> env, int id) {
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            return new ProjectRepository(studio.database())
                    .load(id)
                    .orElseThrow()
                    .scenes()
                    .get(1)
                    .transition();
        }
    }

    private static void assertRefused(Result r, String... mentions) {
        assertEquals(StudioCommand.EXIT_USER_ERROR, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        for (String m : mentions) {
            assertTrue(r.err().contains(m), r.err() + " should name " + m);
        }
    }

    @Test
    void aSceneTransitionIsSetOnTheCommandLineAndBadValuesAreRefused(@TempDir Path home) throws Exception {
        Map<String, String> env = TestStudios.environment(home);
        int id;
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            id = studio.intake()
                    .run(
                            new StoryInput(
                                    TestStudios.story("harbour4.fountain"),
                                    "harbour4.fountain",
                                    studio.localUserId(),
                                    null,
                                    null,
                                    "test"),
                            PhaseListener.NONE)
                    .projectId();
        }
        String project = String.valueOf(id);
        assertEquals(Transition.DEFAULT, secondScene(env, id));

        assertRefused(
                run(env, "edit", project, "--scene", "2", "--transition", "fade"),
                "'fade'",
                "cut, crossfade, dip, wipe");
        assertRefused(
                run(env, "edit", project, "--scene", "2", "--transition", "dip", "--transition-seconds", "9"),
                "at most 5 seconds");
        assertRefused(
                run(env, "edit", project, "--scene", "2", "--transition", "wipe", "--transition-seconds", "0"),
                "more than 0");
        assertRefused(run(env, "edit", project, "--scene", "2", "--transition-seconds", "1"), "--transition KIND");
        assertRefused(
                run(env, "edit", project, "--scene", "2", "--transition", "cut", "--transition-seconds", "2"),
                "A cut has no length");
        assertRefused(
                run(env, "edit", project, "--scene", "2", "--keyframe", "1", "--transition", "wipe"),
                "drop --keyframe 1");
        assertEquals(Transition.DEFAULT, secondScene(env, id), "nothing stored for a refused transition");

        Result wipe = run(env, "edit", project, "--scene", "2", "--transition", "wipe", "--transition-seconds", "0.8");
        assertEquals(0, wipe.exit(), wipe.err());
        assertTrue(wipe.out().contains("wipe 0.8 s"), wipe.out());
        assertEquals(new Transition(Transition.Kind.WIPE, new BigDecimal("0.8")), secondScene(env, id));

        // a new kind without a length keeps the length the scene had
        assertEquals(
                0,
                run(env, "edit", project, "--scene", "2", "--transition", "DIP").exit());
        assertEquals(new Transition(Transition.Kind.DIP, new BigDecimal("0.8")), secondScene(env, id));
        Result shown = run(env, "project", "show", project, "--json");
        assertEquals(0, shown.exit(), shown.err());
        com.fasterxml.jackson.databind.JsonNode second = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(shown.out())
                .get("scenes")
                .get(1);
        assertEquals("dip", second.get("transition").asText(), shown.out());
        assertEquals(0.8, second.get("transition_seconds").asDouble(), shown.out());

        assertEquals(
                0,
                run(env, "edit", project, "--scene", "2", "--transition", "cut").exit());
        assertEquals(Transition.CUT, secondScene(env, id));
    }
}
