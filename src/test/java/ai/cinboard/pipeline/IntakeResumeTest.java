package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.testing.TestStudios;
import ai.cinboard.text.StoryDecoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A render killed during intake (before the scenes were stored) leaves a record in the middle of a phase and no
 * scenes. Rendering the same story again resumes that record, runs intake on it, and renders it: one project, not
 * an empty interrupted one beside a second, finished one.
 */
class IntakeResumeTest {

    @Test
    void anIntakeKilledBeforeTheBreakdownIsFoundUnfinishedAndResumedOnTheSameRecord(@TempDir Path home) {
        try (Studio studio = TestStudios.open(home)) {
            StoryInput input = new StoryInput(
                    TestStudios.story("ferry.fountain"), "ferry.fountain", studio.localUserId(), null, null, "test");
            int killed = killedDuringIntake(studio, input, Phase.CONTENT_POLICY);

            IntakePipeline.Unfinished unfinished =
                    studio.intake().unfinished(studio.intake().check(input)).orElseThrow();
            assertEquals(new IntakePipeline.Unfinished(killed, false), unfinished);

            IntakePipeline.Result resumed =
                    studio.intake().resume(killed, studio.intake().check(input), PhaseListener.NONE);
            assertEquals(killed, resumed.projectId());
            Project p = new ProjectRepository(studio.database()).load(killed).orElseThrow();
            assertEquals(RecordStatus.ANALYZED, p.record().status());
            assertEquals(2, p.scenes().size(), p.scenes().toString());
            assertFalse(p.characters().isEmpty());
            assertEquals(
                    new IntakePipeline.Unfinished(killed, true),
                    studio.intake().unfinished(studio.intake().check(input)).orElseThrow(),
                    "with its scenes stored, the project resumes at the render");

            // a finished project is not unfinished: the same story again is a new project
            studio.database()
                    .useTransaction(s -> s.getMapper(InputRecordMapper.class)
                            .updateStatus(killed, RecordStatus.COMPLETED, Phase.COMPOSITION));
            assertTrue(studio.intake().unfinished(studio.intake().check(input)).isEmpty());
            // nor is another story
            assertTrue(studio.intake()
                    .unfinished(studio.intake()
                            .check(StoryInput.pasted(
                                    "A different story about a lighthouse keeper.", studio.localUserId())))
                    .isEmpty());
        }
    }

    @Test
    void renderingTheStoryAgainResumesAnIntakeKilledMidwayToOneFinishedProject(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path story = dir.resolve("ferry.fountain");
        Files.write(story, TestStudios.story("ferry.fountain"));
        Map<String, String> env = TestStudios.environment(home);
        int killed;
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            killed = killedDuringIntake(
                    studio,
                    new StoryInput(Files.readAllBytes(story), "ferry.fountain", studio.localUserId(), null, null, "x"),
                    Phase.SCENE_BREAKDOWN);
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(
                env,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "render",
                story.toString(),
                "--resolution",
                "320x180",
                "--fps",
                "12",
                "--json");
        assertEquals(0, exit, "stdout:\n" + out + "\nstderr:\n" + err);
        assertTrue(err.toString().contains("Resuming project " + killed), err.toString());
        assertEquals(
                killed,
                new ObjectMapper().readTree(out.toString()).get("inputRecordId").asInt());

        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            List<InputRecord> records = studio.database()
                    .read(s -> s.getMapper(InputRecordMapper.class).listByUser(studio.localUserId()));
            assertEquals(1, records.size(), "the resume must not start a second project");
            Project p = new ProjectRepository(studio.database()).load(killed).orElseThrow();
            assertEquals(RecordStatus.COMPLETED, p.record().status());
            assertEquals(2, p.scenes().size());
            assertEquals(2, p.clips().size());
            assertEquals(1, p.finalVideos().size());
        }
    }

    /**
     * The state a SIGKILL leaves during intake: the record stored, the phases before {@code killedIn} finished, that
     * phase started and never ended, no scenes. (Phases run in order on one thread, and each commits alone, so a kill
     * can leave nothing else.)
     */
    private static int killedDuringIntake(Studio studio, StoryInput input, Phase killedIn) {
        String text = new StoryDecoder().decode(input.bytes(), input.fileName()).text();
        int id = studio.database()
                .inTransaction(s -> s.getMapper(InputRecordMapper.class)
                        .insert(InputRecord.newRecord(input.userId(), text, null, null, "test")));
        PhaseRecorder recorder = new PhaseRecorder(studio.database(), PhaseListener.NONE);
        for (Phase phase : List.of(
                Phase.VALIDATION,
                Phase.LANGUAGE_DETECTION,
                Phase.TRANSLATION,
                Phase.CONTENT_POLICY,
                Phase.SCENE_BREAKDOWN)) {
            PhaseRecorder.Run run = recorder.start(id, phase);
            if (phase == killedIn) {
                break;
            }
            run.complete(Map.of());
        }
        return id;
    }
}
