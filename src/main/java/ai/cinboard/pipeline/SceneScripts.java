package ai.cinboard.pipeline;

import ai.cinboard.domain.Line;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.StudioException;
import ai.cinboard.text.CuePages;
import ai.cinboard.text.InputValidator;
import ai.cinboard.text.Sentences;
import ai.cinboard.text.breakdown.Breakdown;
import ai.cinboard.text.breakdown.SceneBreakdown;
import ai.cinboard.text.breakdown.SceneDraft;
import ai.cinboard.text.translate.Translator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of each scene (action and dialogue) and what the render makes of them: keyframe descriptions,
 * narration, subtitle cues and image prompts. The lines are the ones intake stored with each scene
 * ({@code scenes.lines}), so every render and export reads the same lines. Scenes stored before intake kept
 * them (migration V10) get them from the same breakdown run again on the stored story: it is deterministic, so
 * it gives the same scenes, matched by number.
 */
public final class SceneScripts {
    private final InputValidator validator;
    private final SceneBreakdown breakdown;
    /** {@link Translator#none()} when no engine is configured. */
    private final Translator translator;

    private final String promptLanguage;

    public SceneScripts(
            InputValidator validator, SceneBreakdown breakdown, Translator translator, String promptLanguage) {
        this.validator = validator;
        this.breakdown = breakdown;
        this.translator = translator;
        this.promptLanguage = promptLanguage;
    }

    public Map<Integer, List<Line>> linesByScene(Project project) {
        if (project.scenes().stream().allMatch(scene -> scene.lines() != null)) {
            Map<Integer, List<Line>> stored = new HashMap<>();
            for (Scene scene : project.scenes()) {
                stored.put(scene.id(), scene.lines());
            }
            return stored;
        }
        return brokenDownAgain(project);
    }

    /** A project stored before its scenes kept their lines: the breakdown intake ran, run again. */
    private Map<Integer, List<Line>> brokenDownAgain(Project project) {
        String text = validator.validate(project.record().rawInput()).text();
        String name = SceneBreakdown.looksLikeFountain(text, null) ? "story.fountain" : "story.txt";
        if (!name.endsWith(".fountain") && brokenDownByModel(project)) {
            // A model's scenes can't be made again by rules, and asking it again could split differently: the
            // lines come from each stored scene's text, as intake made them (LlmSceneBreakdown).
            List<String> cast = project.characters().stream()
                    .map(ai.cinboard.domain.Character::characterName)
                    .toList();
            Map<Integer, List<Line>> byScene = new HashMap<>();
            for (Scene scene : project.scenes()) {
                byScene.put(scene.id(), SceneBreakdown.proseLines(scene.text(), cast));
            }
            return byScene;
        }
        Breakdown result = breakdown.breakdown(text, name);
        Map<Integer, List<Line>> byNumber = new HashMap<>();
        for (SceneDraft d : result.scenes()) {
            byNumber.put(d.number(), d.lines());
        }
        Map<Integer, List<Line>> byScene = new HashMap<>();
        for (Scene scene : project.scenes()) {
            byScene.put(scene.id(), byNumber.getOrDefault(scene.sceneNumber(), List.of(Line.action(scene.text()))));
        }
        return byScene;
    }

    private static boolean brokenDownByModel(Project project) {
        return project.statuses().stream()
                .filter(s -> s.phase() == ai.cinboard.domain.Phase.SCENE_BREAKDOWN && s.phaseData() != null)
                .anyMatch(s -> "llm".equals(s.phaseData().get("method")));
    }

    /** The prompt for image models: the description in the prompt language when a translator is set. */
    public String prompt(String description, String storyLanguage) {
        if (storyLanguage == null || storyLanguage.equals(promptLanguage)) {
            return description;
        }
        try {
            var outcome = translator.translate(description, storyLanguage, promptLanguage);
            return outcome.isSkipped() ? description : outcome.text();
        } catch (StudioException e) {
            // An untranslated prompt still renders; the failure is the translator's to report at intake.
            return description;
        }
    }

    /**
     * One description per keyframe, spread over the scene's lines: the first keyframe shows how the scene
     * opens, the last how it ends. Dialogue is shown with its speaker.
     */
    public static List<String> keyframeDescriptions(Scene scene, List<Line> lines, int count) {
        List<Line> shown = beats(lines, count);
        List<String> texts = new ArrayList<>();
        for (Line l : shown) {
            texts.add((l.kind() == Line.Kind.DIALOGUE ? l.speaker() + ": " + l.text() : l.text()).strip());
        }
        if (texts.isEmpty()) {
            texts.add(scene.heading());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(shorten(texts.get(lineOf(i, count, texts.size())), 400));
        }
        return out;
    }

    /**
     * Seconds into the scene at which keyframe {@code sequence} of {@code count} is shown: when its line
     * ({@link #keyframeDescriptions}) begins to be said, by the share of the scene's spoken text before it, so the
     * picture (and its caption) changes with the narration. Keyframes that show the same line share its time, one
     * after another. The times rise by a second at least, as an edit's must; where whole seconds can't keep them
     * apart (a short first line), or the scene has no lines, they are spread evenly.
     */
    public static int timing(Scene scene, List<Line> lines, int sequence, int count) {
        return timings(scene, lines, count)[sequence];
    }

    private static int[] timings(Scene scene, List<Line> lines, int count) {
        double duration = scene.durationSeconds().doubleValue();
        int[] even = new int[count];
        for (int k = 0; k < count; k++) {
            even[k] = (int) Math.floor(duration * k / Math.max(1, count));
        }
        List<Line> shown = beats(lines, count);
        long total = shown.stream().mapToLong(SceneScripts::spoken).sum();
        if (shown.isEmpty() || total == 0) {
            return even;
        }
        // where each line begins to be said, as a share of the scene; and the scene's end
        double[] starts = new double[shown.size() + 1];
        for (int l = 0; l < shown.size(); l++) {
            starts[l + 1] = starts[l] + spoken(shown.get(l)) / (double) total;
        }
        int[] line = new int[count];
        for (int k = 0; k < count; k++) {
            line[k] = lineOf(k, count, shown.size());
        }
        int[] out = new int[count];
        for (int k = 0; k < count; ) {
            int last = k; // the keyframes k..last show one line
            while (last + 1 < count && line[last + 1] == line[k]) {
                last++;
            }
            double from = starts[line[k]];
            double to = last + 1 < count ? starts[line[last + 1]] : 1;
            for (int j = k; j <= last; j++) {
                out[j] = (int) Math.floor(duration * (from + (to - from) * (j - k) / (last - k + 1)));
            }
            k = last + 1;
        }
        for (int k = 1; k < count; k++) {
            if (out[k] <= out[k - 1]) {
                return even;
            }
        }
        return out;
    }

    /** Where a line can be cut into two beats: after a sentence (not after a title's full stop, "Mr."). */
    private static final Pattern SENTENCE_BREAK =
            Pattern.compile("(?<=" + Sentences.end(".!?…。！？؟") + "[\"”»」』)]?)\\s*(?=\\S)");

    /**
     * What the keyframes show, one beat each: the scene's lines, and when there are fewer lines than keyframes, the
     * longest lines cut at a sentence nearest their middle (a speaker keeps every part), so two keyframes don't
     * show the same words while a line still has another sentence to show.
     */
    private static List<Line> beats(List<Line> lines, int count) {
        List<Line> beats = new ArrayList<>(shownLines(lines));
        while (beats.size() < count) {
            int best = -1;
            int[] cut = null;
            for (int i = 0; i < beats.size(); i++) {
                int[] at = middleBreak(beats.get(i).text());
                if (at != null && (best < 0 || spoken(beats.get(i)) > spoken(beats.get(best)))) {
                    best = i;
                    cut = at;
                }
            }
            if (best < 0) {
                break; // one sentence per line: the keyframes share lines
            }
            Line l = beats.get(best);
            String first = l.text().substring(0, cut[0]).strip();
            String rest = l.text().substring(cut[1]).strip();
            beats.set(best, new Line(l.kind(), l.speaker(), first));
            beats.add(best + 1, new Line(l.kind(), l.speaker(), rest));
        }
        return beats;
    }

    /** The sentence break nearest the middle of {@code text} (end of the first part, start of the second). */
    private static int[] middleBreak(String text) {
        Matcher m = SENTENCE_BREAK.matcher(text);
        int[] best = null;
        while (m.find()) {
            if (m.end() >= text.length()) {
                continue;
            }
            if (best == null || Math.abs(m.start() - text.length() / 2) < Math.abs(best[0] - text.length() / 2)) {
                best = new int[] {m.start(), m.end()};
            }
        }
        return best;
    }

    /** The lines a scene's keyframes can show: those with text. */
    private static List<Line> shownLines(List<Line> lines) {
        return (lines == null ? List.<Line>of() : lines)
                .stream().filter(l -> !l.text().isBlank()).toList();
    }

    /** Which of {@code size} lines keyframe {@code i} of {@code count} shows: the first, the last, and between. */
    private static int lineOf(int i, int count, int size) {
        return count == 1 ? 0 : (int) Math.round((double) i * (size - 1) / (count - 1));
    }

    /** How much of the narration a line is: its text as said (a speaker's name is not). */
    private static long spoken(Line l) {
        String t = l.text().strip();
        return t.codePointCount(0, t.length());
    }

    /** The text spoken for a scene: its action and its dialogue, in order. */
    public static String narration(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines == null ? List.<Line>of() : lines) {
            if (!l.text().isBlank()) {
                sb.append(l.text().strip()).append(' ');
            }
        }
        return sb.toString().strip();
    }

    /** The scene's captions over {@code seconds}, in pages of {@code pageUnits}: {@link Line#timed}. */
    public static List<Line.Timed> timed(List<Line> lines, double seconds, int pageUnits) {
        return Line.timed(lines, seconds, CuePages.PAGER, pageUnits);
    }

    private static String shorten(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
