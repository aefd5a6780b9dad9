package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** project show, edit, regenerate, take, render --project and the stale-MP4 refusal through the command line. */
class IterationCliTest {
    record Result(int exit, String out, String err) {}

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static JsonNode json(Result r) throws Exception {
        assertEquals(0, r.exit(), r.out() + r.err());
        return new ObjectMapper().readTree(r.out());
    }

    private static void assertOneLineRefusal(Result r, String mentions) {
        assertEquals(StudioCommand.EXIT_USER_ERROR, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(mentions), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void editRenderChangesTakesAndTheStaleExportRefusal(@TempDir Path home) throws Exception {
        Map<String, String> env = new HashMap<>(TestStudios.environment(home));
        env.put("CINBOARD_RENDER_RESOLUTION", "320x180");
        env.put("CINBOARD_RENDER_FPS", "12");
        Path story = home.resolve("harbour4.fountain");
        Files.write(story, TestStudios.story("harbour4.fountain"));
        String id = json(run(env, "render", story.toString(), "--json"))
                .get("inputRecordId")
                .asText();

        JsonNode listed = json(run(env, "project", "list", "--json"));
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(id, listed.get(0).get("id").asText());
        assertEquals("completed", listed.get(0).get("status").asText());
        assertTrue(run(env, "project", "list").out().strip().startsWith(id + "  completed"));

        JsonNode shown = json(run(env, "project", "show", id, "--json"));
        assertTrue(keys(shown).containsAll(List.of("id", "scenes", "characters", "voiceover", "final_video")));
        JsonNode scene2 = shown.get("scenes").get(1);
        assertTrue(keys(scene2)
                .containsAll(List.of("number", "heading", "duration_seconds", "stale", "keyframes", "clip")));
        assertEquals(2, scene2.get("number").asInt());
        assertTrue(keys(scene2.get("keyframes").get(1))
                .containsAll(List.of(
                        "sequence", "description", "timing_seconds", "locked", "image_url", "take", "takes", "stale")));
        assertTrue(keys(scene2.get("clip")).containsAll(List.of("video_url", "stale")));
        assertTrue(keys(shown.get("characters").get(0))
                .containsAll(List.of("name", "image_url", "take", "takes", "stale")));
        assertFalse(shown.get("final_video").get("stale").asBoolean(), "a fresh render is up to date");

        assertEquals(
                0,
                run(env, "edit", id, "--scene", "2", "--keyframe", "1", "--description", "Tomas trips over a rope.")
                        .exit());
        JsonNode edited = json(run(env, "project", "show", id, "--json"));
        assertTrue(
                edited.get("scenes").get(1).get("keyframes").get(1).get("stale").asBoolean());
        assertTrue(edited.get("scenes").get(1).get("clip").get("stale").asBoolean());
        assertFalse(edited.get("scenes").get(0).get("clip").get("stale").asBoolean());
        assertFalse(edited.get("voiceover").get("stale").asBoolean());
        assertTrue(edited.get("final_video").get("stale").asBoolean());

        Path mp4 = home.resolve("out.mp4");
        assertOneLineRefusal(run(env, "export", id, "--format", "mp4", "--out", mp4.toString()), "--render-changes");
        assertFalse(Files.exists(mp4), "nothing written");
        // every format is made from the last render: an EDL, subtitles, shot list, storyboard or frames of it would
        // go out behind the edit (or mixed), so they are refused with the same line
        for (String f : List.of("edl", "srt", "csv", "fcpxml", "pdf")) {
            Path stale = home.resolve("stale." + f);
            assertOneLineRefusal(
                    run(env, "export", id, "--format", f, "--out", stale.toString()), "not rendered yet, so the ");
            assertFalse(Files.exists(stale), f + ": nothing written");
        }
        assertOneLineRefusal(
                run(
                        env,
                        "export",
                        id,
                        "--format",
                        "png",
                        "--out",
                        home.resolve("frames").toString()),
                "--render-changes");
        assertFalse(Files.exists(home.resolve("frames")));
        // an MP4 never replaces a file of another type, and an option of another format is no silent no-op
        Path notes = Files.writeString(home.resolve("notes.txt"), "my notes");
        assertOneLineRefusal(
                run(env, "export", id, "--format", "mp4", "--render-changes", "--out", notes.toString()), ".mp4");
        assertEquals("my notes", Files.readString(notes));
        assertOneLineRefusal(
                run(env, "export", id, "--format", "png", "--out", notes.toString()), "is a folder of files");
        assertOneLineRefusal(run(env, "export", id, "--format", "edl", "--out", ""), "--out needs a file path");
        assertEquals("my notes", Files.readString(notes));
        assertOneLineRefusal(
                run(
                        env,
                        "export",
                        id,
                        "--format",
                        "pdf",
                        "--preset",
                        "720p",
                        "--out",
                        home.resolve("b.pdf").toString()),
                "--preset applies to --format mp4");
        assertOneLineRefusal(
                run(
                        env,
                        "export",
                        id,
                        "--format",
                        "srt",
                        "--layout",
                        "4",
                        "--out",
                        home.resolve("s.srt").toString()),
                "--layout applies to --format pdf");

        JsonNode rendered = json(run(env, "render", "--project", id, "--json"));
        JsonNode rerendered = rendered.get("rerendered");
        assertEquals(1, rerendered.get("keyframes").asInt());
        assertEquals(1, rerendered.get("clips").asInt());
        assertEquals(0, rerendered.get("voiceover").asInt());
        assertEquals(0, rerendered.get("characters").asInt());
        assertEquals(1, rerendered.get("composition").asInt());
        JsonNode afterRender = json(run(env, "project", "show", id, "--json"));
        assertFalse(afterRender.get("final_video").get("stale").asBoolean());
        JsonNode redone = afterRender.get("scenes").get(1).get("keyframes").get(1);
        assertEquals(1, redone.get("take").asInt());
        assertEquals(1, redone.get("takes").asInt(), "its new image is of the same take: " + redone);

        // a new take, then the first one back
        assertEquals(
                0, run(env, "regenerate", id, "--scene", "1", "--keyframe", "0").exit());
        JsonNode regenerated = json(run(env, "project", "show", id, "--json"))
                .get("scenes")
                .get(0)
                .get("keyframes")
                .get(0);
        assertEquals(2, regenerated.get("take").asInt());
        assertEquals(2, regenerated.get("takes").asInt());
        assertEquals(
                0,
                run(env, "take", id, "--scene", "1", "--keyframe", "0", "--use", "1")
                        .exit());
        JsonNode back = json(run(env, "project", "show", id, "--json"))
                .get("scenes")
                .get(0)
                .get("keyframes")
                .get(0);
        assertEquals(1, back.get("take").asInt());
        assertTrue(back.get("stale").asBoolean() == false, "take 1 is up to date as a keyframe");

        // a character's new take: the offline engine draws keyframes from looks, and says no keyframe changed
        String name = json(run(env, "project", "show", id, "--json"))
                .get("characters")
                .get(0)
                .get("name")
                .asText();
        Result character = run(env, "regenerate", id, "--character", name);
        assertEquals(0, character.exit(), character.err());
        assertTrue(character.out().contains("Its keyframes are unchanged"), character.out());
        assertTrue(character.out().contains("Drew 1 character sheet and 0 keyframe pictures"), character.out());

        // unknown names: one line, exit 2
        assertOneLineRefusal(run(env, "project", "show", "999999"), "999999");
        assertOneLineRefusal(run(env, "edit", id, "--scene", "9", "--keyframe", "0", "--lock"), "no scene 9");
        assertOneLineRefusal(run(env, "edit", id, "--scene", "1", "--keyframe", "5", "--lock"), "no keyframe 5");
        assertOneLineRefusal(run(env, "take", id, "--scene", "1", "--keyframe", "0", "--use", "7"), "no take 7");
        assertOneLineRefusal(run(env, "take", id, "--character", "Nobody", "--use", "1"), "no character");
        assertOneLineRefusal(run(env, "regenerate", id, "--character", "Nobody"), "no character");

        // out-of-range values and edits given together: one line, exit 2, nothing changed
        String before = run(env, "project", "show", id, "--json").out();
        assertOneLineRefusal(
                run(env, "edit", id, "--scene", "1", "--duration", "100000000"), "A scene lasts 0.5 to 600 seconds");
        assertOneLineRefusal(run(env, "edit", id, "--scene", "1", "--duration", "0.001"), "0.5 to 600");
        assertOneLineRefusal(
                run(env, "edit", id, "--scene", "1", "--keyframe", "1", "--timing", "1.5"), "is not a whole number");
        assertOneLineRefusal(
                run(env, "edit", id, "--scene", "1", "--keyframe", "1", "--timing", "99999"), "past the end");
        assertOneLineRefusal(run(env, "edit", id, "--scene", "1", "--keyframe", "1", "--timing", "0"), "in its place");
        assertOneLineRefusal(run(env, "edit", id, "--scene", "1", "--duration", "NaN"), "'NaN' is not a number");
        assertOneLineRefusal(
                run(env, "edit", id, "--scene", "1", "--keyframe", "1", "--lock", "--description", "X"),
                "One edit at a time: --lock, --description were given together");
        assertOneLineRefusal(
                run(env, "edit", id, "--scene", "1", "--duration", "20", "--move-scene", "1", "--to", "2"),
                "--move-scene, --duration");
        assertOneLineRefusal(
                run(env, "edit", id, "--scene", "1", "--keyframe", "1", "--description", "x".repeat(4001)),
                "limited to 4000 characters");
        assertOneLineRefusal(
                run(env, "edit", id, "--scene", "1", "--keyframe", "1", "--description", "\u0001\u001b "),
                "needs a description");
        assertOneLineRefusal(
                run(env, "edit", id, "--scene", "1", "--duration", "0.5"),
                "and a scene lasts at least as long as its voice");
        assertOneLineRefusal(run(env, "regenerate", id, "--scene", "1", "--character", "Nobody"), "not both");
        assertOneLineRefusal(run(env, "take", id, "--scene", "1", "--character", "Nobody", "--use", "1"), "not both");
        assertOneLineRefusal(
                run(env, "edit", id, "--scene", "1", "--keyframe", "0", "--timing", "2"),
                "Keyframe 0 opens its scene at 0 s");
        assertEquals(before, run(env, "project", "show", id, "--json").out(), "nothing was stored");

        // an approved keyframe keeps its picture, so its description can't change under it
        assertEquals(
                0,
                run(env, "edit", id, "--scene", "1", "--keyframe", "1", "--lock")
                        .exit());
        String locked = run(env, "project", "show", id, "--json").out();
        assertOneLineRefusal(
                run(env, "edit", id, "--scene", "1", "--keyframe", "1", "--description", "Changed while approved."),
                "unlock it to change its description");
        assertEquals(locked, run(env, "project", "show", id, "--json").out(), "nothing was stored");
        assertEquals(
                0,
                run(env, "edit", id, "--scene", "1", "--keyframe", "1", "--unlock")
                        .exit());

        // a terminal's escapes and stray control bytes are not stored; line breaks are
        Result cleaned = run(
                env,
                "edit",
                id,
                "--scene",
                "1",
                "--keyframe",
                "1",
                "--description",
                "A \u001b[31mred\u0007 sky\nat \u202Ekusd\u202C dusk");
        assertEquals(0, cleaned.exit(), cleaned.err());
        // a right-to-left override would show "kusd" as "dusk": it is dropped too
        assertEquals(
                "A [31mred sky\nat kusd dusk",
                json(run(env, "project", "show", id, "--json"))
                        .get("scenes")
                        .get(0)
                        .get("keyframes")
                        .get(1)
                        .get("description")
                        .asText());

        // every command has --help, where its errors point
        Result help = run(env, "edit", "--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("--move-scene"), help.out());
        assertTrue(run(env, "edit").err().contains("See: cinboard edit --help"));
        assertTrue(run(env, "users", "add").err().contains("See: cinboard users add --help"));

        assertEquals(
                0,
                run(
                                env,
                                "export",
                                id,
                                "--format",
                                "mp4",
                                "--preset",
                                "480p",
                                "--render-changes",
                                "--out",
                                mp4.toString())
                        .exit());
        assertTrue(Files.size(mp4) > 0);

        // --render-changes applies to every format: the changes are rendered, then the EDL cuts at the new length
        assertEquals(0, run(env, "edit", id, "--scene", "2", "--duration", "30").exit());
        Path edl = home.resolve("cut.edl");
        Result edlAfter = run(env, "export", id, "--format", "edl", "--render-changes", "--out", edl.toString());
        assertEquals(0, edlAfter.exit(), edlAfter.err());
        assertTrue(Files.size(edl) > 0);
        assertFalse(json(run(env, "project", "show", id, "--json"))
                .get("final_video")
                .get("stale")
                .asBoolean());

        // a project never rendered keeps its answers: the MP4 counts what is missing, the others name it
        Path other = home.resolve("other.fountain");
        Files.write(other, TestStudios.story("harbour4.fountain"));
        String analyzed = json(run(env, "analyze", other.toString(), "--json"))
                .get("inputRecordId")
                .asText();
        assertOneLineRefusal(
                run(
                        env,
                        "export",
                        analyzed,
                        "--format",
                        "mp4",
                        "--out",
                        home.resolve("n.mp4").toString()),
                "not rendered yet");
        assertOneLineRefusal(
                run(
                        env,
                        "export",
                        analyzed,
                        "--format",
                        "edl",
                        "--out",
                        home.resolve("n.edl").toString()),
                "has neither a clip nor keyframes");
    }
}
