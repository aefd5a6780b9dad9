package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.StudioException;
import ai.cinboard.pipeline.IntakePipeline;
import ai.cinboard.pipeline.StoryInput;
import ai.cinboard.text.LanguageDetector;
import ai.cinboard.text.StoryDecoder;
import ai.cinboard.text.breakdown.CharacterDraft;
import ai.cinboard.text.breakdown.SceneDraft;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code analyze FILE}: intake and breakdown only, no media. */
@Command(
        name = "analyze",
        description = "Check a story, detect its language, screen it and break it into scenes"
                + " and characters (no media). Exit 2 when the input is refused or blocked.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "FILE",
            description = "A .fountain, .txt or .md file (UTF-8 or UTF-16), or a Final Draft .fdx screenplay.")
    Path file;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        byte[] bytes = readStory(file);
        LanguageDetector.warmUpInBackground(); // while the database starts
        try (Studio studio = Studio.open(parent.config());
                CliUser user = CliUser.signIn(studio, parent.config())) {
            PrintWriter err = spec.commandLine().getErr();
            IntakePipeline.Result result = studio.intake()
                    .run(
                            new StoryInput(
                                    bytes, file.getFileName().toString(), user.userId(), null, null, "cinboard-cli"),
                            new TerminalProgress(err, System.console() != null));
            print(spec.commandLine().getOut(), result, json);
        }
        return 0;
    }

    /** No story is near this size (the longest is 200,000 characters, under 1 MB): a bigger file is not read. */
    static final long MAX_STORY_FILE_BYTES = 64L * 1024 * 1024;

    /** The story file's bytes; a folder, a device, a missing file, a type the studio can't read or a huge file: refused unread. */
    static byte[] readStory(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new StudioException(
                        file + " is a folder, not a story. Give the path of a .fountain, .fdx, .txt or .md file.");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // a device, pipe or socket (/dev/null, /dev/stdin): "no file" would contradict what the user sees
                throw new StudioException(file + " is not a regular file (a device or pipe)."
                        + " Give the path of a .fountain, .fdx, .txt or .md story.");
            }
            if (!Files.isRegularFile(file)) {
                throw new StudioException(
                        "There is no file " + file + ". Give the path of a .fountain, .fdx, .txt or .md story.");
            }
            StoryDecoder.checkExtension(file.getFileName().toString());
            long size = Files.size(file);
            if (size > MAX_STORY_FILE_BYTES) {
                throw new StudioException(file.getFileName() + " is " + size / (1024 * 1024) + " MB, far more than a"
                        + " story can be (200,000 characters at most). Split it into parts.");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StudioException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Object> toJson(IntakePipeline.Result r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("inputRecordId", r.projectId()); // the key scripts read since the first release
        doc.put("language", r.language().language());
        doc.put("confidence", r.language().confidence());
        doc.put("otherLanguages", r.language().others());
        doc.put("translation", r.translation().toJson());
        doc.put("policy", r.verdict().toJson());
        List<Map<String, Object>> scenes = new ArrayList<>();
        for (SceneDraft s : r.breakdown().scenes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", s.number());
            m.put("heading", s.heading());
            m.put("durationSeconds", s.durationSeconds());
            m.put("characters", s.characterNames());
            scenes.add(m);
        }
        doc.put("scenes", scenes);
        List<Map<String, Object>> characters = new ArrayList<>();
        for (CharacterDraft c : r.breakdown().characters()) {
            characters.add(Map.of(
                    "id",
                    c.characterId(),
                    "name",
                    c.name(),
                    "description",
                    c.description(),
                    "consistencyKey",
                    c.consistencyKey()));
        }
        doc.put("characters", characters);
        return doc;
    }

    static void print(PrintWriter out, IntakePipeline.Result r, boolean json) throws IOException {
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(r)));
            out.flush();
            return;
        }
        out.printf("project     %d%n", r.projectId());
        out.printf(
                "language    %s (confidence %s)%s%n",
                r.language().language(),
                r.language().confidence(),
                r.language().mixed() ? ", also " + r.language().others().keySet() : "");
        out.printf(
                "policy      %s%s%n",
                r.verdict().verdict().name().toLowerCase(),
                r.verdict().reasons().isEmpty()
                        ? ""
                        : " (" + String.join("; ", r.verdict().reasons()) + ")");
        out.printf(
                "translation %s%n",
                r.translation().isSkipped()
                        ? "skipped: " + r.translation().reason()
                        : "to " + r.translation().targetLanguage() + " by "
                                + r.translation().engine());
        out.println();
        out.printf("%-4s %-44s %8s  %s%n", "#", "scene", "seconds", "characters");
        for (SceneDraft s : r.breakdown().scenes()) {
            out.printf(
                    "%-4d %-44s %8s  %s%n",
                    s.number(),
                    clip(s.heading(), 44),
                    s.durationSeconds().toPlainString(),
                    String.join(", ", s.characterNames()));
        }
        out.println();
        out.println("characters");
        for (CharacterDraft c : r.breakdown().characters()) {
            out.printf("  %-20s %s  %s%n", c.name(), c.consistencyKey(), clip(c.description(), 60));
        }
        out.flush();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
