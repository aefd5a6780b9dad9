package ai.cinboard.pipeline;

import ai.cinboard.domain.CharacterImage;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.persistence.RenderRepository;
import ai.cinboard.persistence.mapper.CharacterImageMapper;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.KeyframeImageMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.service.AnalysisPreview;
import ai.cinboard.service.ProjectService;
import ai.cinboard.service.ProjectSummary;
import ai.cinboard.text.breakdown.CharacterDraft;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The studio's project use cases on the real database; every edit is its own transaction. */
public final class StudioProjectService implements ProjectService {
    private final Database database;
    private final IntakePipeline intake;
    private final GenerationJobs jobs;
    private final int userId;

    private final ai.cinboard.media.MediaStores media;

    public StudioProjectService(
            Database database,
            ai.cinboard.media.MediaStores media,
            IntakePipeline intake,
            GenerationJobs jobs,
            int userId) {
        this.database = database;
        this.media = media;
        this.intake = intake;
        this.jobs = jobs;
        this.userId = userId;
    }

    @Override
    public List<ProjectSummary> listProjects() {
        List<Map<String, Object>> rows =
                database.read(s -> s.getMapper(InputRecordMapper.class).listSummaries(userId));
        return rows.stream()
                .map(r -> new ProjectSummary(
                        ((Number) r.get("id")).intValue(),
                        title((String) r.get("head")),
                        RecordStatus.fromDb((String) r.get("status")),
                        (String) r.get("detected_language"),
                        toOffset(r.get("created_at")),
                        (String) r.get("thumbnail_url")))
                .toList();
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return null;
    }

    static String title(String head) {
        return ProjectSummary.titleOf(head);
    }

    @Override
    public Project loadProject(int projectId) {
        return new ProjectRepository(database)
                .load(projectId)
                .orElseThrow(() -> new StudioException("Project " + projectId + " no longer exists."));
    }

    @Override
    public String readStoryFile(byte[] bytes, String fileName) {
        return new ai.cinboard.text.StoryDecoder().decode(bytes, fileName).text();
    }

    @Override
    public AnalysisPreview analyze(String text, String fileName) {
        IntakePipeline.Preview p = intake.preview(text, fileName);
        if (!p.problems().isEmpty()) {
            return new AnalysisPreview(null, 0, true, List.of(), 0, List.of(), p.problems());
        }
        return new AnalysisPreview(
                p.language().language(),
                Double.parseDouble(p.language().confidence()),
                !p.verdict().blocked(),
                p.verdict().reasons(),
                p.breakdown().scenes().size(),
                p.breakdown().characters().stream().map(CharacterDraft::name).toList(),
                List.of());
    }

    /** Intake runs here (seconds, on the caller's background thread); the render is queued as a job. */
    @Override
    public int createAndRender(String text, String fileName) {
        IntakePipeline.Result result = intake.run(
                new StoryInput(
                        text.getBytes(StandardCharsets.UTF_8),
                        fileName == null ? "pasted.txt" : fileName,
                        userId,
                        null,
                        null,
                        "cinboard-studio"),
                PhaseListener.NONE);
        jobs.render(result.projectId(), "Render " + title(text));
        return result.projectId();
    }

    @Override
    public void updateKeyframe(int keyframeId, String description, int timingSeconds) {
        String text = editedText(description, "A keyframe");
        if (timingSeconds < 0) {
            throw new StudioException("A keyframe's timing can't be negative.");
        }
        database.useTransaction(s -> {
            KeyframeMapper m = s.getMapper(KeyframeMapper.class);
            Keyframe k = existing(m.findById(keyframeId), "Keyframe", keyframeId);
            Scene scene = s.getMapper(SceneMapper.class).findById(k.sceneId());
            if (scene != null
                    && scene.durationSeconds() != null
                    && timingSeconds > scene.durationSeconds().doubleValue()
                    && !Integer.valueOf(timingSeconds).equals(k.timingSeconds())) {
                throw new StudioException("A keyframe at " + timingSeconds + " s would be past the end of its scene ("
                        + scene.durationSeconds().stripTrailingZeros().toPlainString() + " s): use 0 to "
                        + scene.durationSeconds().intValue() + ".");
            }
            // an approved picture is never redrawn, so a new description could never reach it: unlock first
            if (Boolean.TRUE.equals(k.locked()) && !text.equals(k.keyframeDescription())) {
                throw new StudioException("This keyframe is approved (locked), so its picture stays as it is; unlock"
                        + " it to change its description.");
            }
            if (!Integer.valueOf(timingSeconds).equals(k.timingSeconds())) {
                // the clip opens on keyframe 0 (every engine starts the scene with it)
                if (Integer.valueOf(0).equals(k.sequence()) && timingSeconds != 0) {
                    throw new StudioException(
                            "Keyframe 0 opens its scene at 0 s; give keyframes 1 and 2 their" + " timings instead.");
                }
                requireInOrder(m.listByScene(k.sceneId()), k, timingSeconds);
            }
            m.updateDescription(keyframeId, text);
            m.updateTiming(keyframeId, timingSeconds);
        });
    }

    /**
     * A scene's keyframes show in their order: a new timing stays after the keyframe before it and before the one
     * after it (two at the same second, or out of order, would make the clip jump back).
     */
    private static void requireInOrder(List<Keyframe> scene, Keyframe k, int timingSeconds) {
        Integer after = null;
        Integer before = null;
        for (Keyframe other : scene) {
            if (other.id().equals(k.id()) || other.timingSeconds() == null || other.sequence() == null) {
                continue;
            }
            if (other.sequence() < k.sequence() && (after == null || other.timingSeconds() > after)) {
                after = other.timingSeconds();
            }
            if (other.sequence() > k.sequence() && (before == null || other.timingSeconds() < before)) {
                before = other.timingSeconds();
            }
        }
        if ((after != null && timingSeconds <= after) || (before != null && timingSeconds >= before)) {
            // whole seconds strictly between the neighbours, said as the first and last allowed
            String range = after == null
                    ? "of " + (before - 1) + " s at most"
                    : before == null
                            ? "of " + (after + 1) + " s or more"
                            : after + 1 <= before - 1
                                    ? "from " + (after + 1) + " s to " + (before - 1) + " s"
                                    : "between " + after + " s and " + before + " s, where no whole second is free";
            throw new StudioException("Keyframe " + k.sequence() + " shows in its place among the scene's keyframes:"
                    + " give it a timing " + range + ", or move its neighbours first.");
        }
    }

    /** The longest description an edit takes: a paragraph, not a story (image prompts are cut far shorter). */
    static final int MAX_DESCRIPTION = 4_000;

    /**
     * An edited description as stored: stripped, control characters (a terminal's escapes, stray binary) removed
     * but for line breaks and tabs; refused when nothing is left or it is longer than {@link #MAX_DESCRIPTION}.
     */
    static String editedText(String description, String whose) {
        String text = description == null
                ? ""
                // control bytes, unassigned code points, and the bidi embeddings, overrides and isolates, which
                // can show a description in another order than it is stored (joiners, which scripts need, stay)
                : description
                        .replaceAll("[\\p{Cc}&&[^\\n\\t]]|\\p{Cn}|[\\u202A-\\u202E\\u2066-\\u2069]", "")
                        .strip();
        if (text.isEmpty()) {
            throw new StudioException(whose + " needs a description.");
        }
        if (text.codePointCount(0, text.length()) > MAX_DESCRIPTION) {
            throw new StudioException(
                    whose + "'s description is limited to " + MAX_DESCRIPTION + " characters; shorten it.");
        }
        return text;
    }

    @Override
    public void setKeyframeLocked(int keyframeId, boolean locked) {
        database.useTransaction(s -> {
            KeyframeMapper m = s.getMapper(KeyframeMapper.class);
            existing(m.findById(keyframeId), "Keyframe", keyframeId);
            m.updateLocked(keyframeId, locked);
        });
    }

    @Override
    public void reorderScenes(int projectId, List<Integer> sceneIdsInOrder) {
        database.useTransaction(s -> {
            SceneMapper m = s.getMapper(SceneMapper.class);
            Set<Integer> actual = new HashSet<>();
            m.listByInputRecord(projectId).forEach(scene -> actual.add(scene.id()));
            if (!actual.equals(new HashSet<>(sceneIdsInOrder)) || actual.size() != sceneIdsInOrder.size()) {
                throw new StudioException("The new scene order must list each of the project's scenes once;"
                        + " reload the project and try again.");
            }
            for (int i = 0; i < sceneIdsInOrder.size(); i++) {
                m.updatePosition(sceneIdsInOrder.get(i), i + 1);
            }
        });
    }

    /** A scene's shortest and longest trim: a few frames say nothing, and a shot of ten minutes is a film. */
    static final BigDecimal MIN_SCENE_SECONDS = new BigDecimal("0.5");

    static final BigDecimal MAX_SCENE_SECONDS = new BigDecimal("600");

    @Override
    public void setSceneDuration(int sceneId, BigDecimal durationSeconds) {
        if (durationSeconds == null
                || durationSeconds.compareTo(MIN_SCENE_SECONDS) < 0
                || durationSeconds.compareTo(MAX_SCENE_SECONDS) > 0) {
            throw new StudioException("A scene lasts " + MIN_SCENE_SECONDS.toPlainString() + " to "
                    + MAX_SCENE_SECONDS.toPlainString() + " seconds"
                    + (durationSeconds == null ? "." : ", not " + durationSeconds.toPlainString() + "."));
        }
        database.useTransaction(s -> {
            SceneMapper m = s.getMapper(SceneMapper.class);
            Scene scene = existing(m.findById(sceneId), "Scene", sceneId);
            // The final video never cuts the narration short (a scene lasts as long as its voice), so a shorter
            // trim would show here and in the exports but not in the MP4.
            double spoken = s
                    .getMapper(ai.cinboard.persistence.mapper.VoiceoverMapper.class)
                    .listByInputRecord(scene.inputRecordId())
                    .stream()
                    .max(java.util.Comparator.comparing(ai.cinboard.domain.Voiceover::id))
                    .map(v -> VoiceTrack.from(v.voiceSettings()).segments().stream()
                            .filter(seg -> seg.sceneId() == sceneId)
                            .mapToDouble(VoiceTrack.Segment::seconds)
                            .max()
                            .orElse(0))
                    .orElse(0.0);
            if (durationSeconds.doubleValue() < spoken) {
                throw new StudioException(String.format(
                        java.util.Locale.ROOT,
                        "This scene's narration lasts %.1f s, and a scene lasts at least as long as its voice: trim"
                                + " it to %.1f s or more, or shorten its text.",
                        spoken,
                        Math.ceil(spoken * 10) / 10));
            }
            m.updateDuration(sceneId, durationSeconds.setScale(3, java.math.RoundingMode.HALF_UP));
        });
    }

    @Override
    public void setSceneTransition(int sceneId, ai.cinboard.domain.Transition transition) {
        if (transition == null) {
            throw new StudioException("Choose a transition: " + ai.cinboard.domain.Transition.ALLOWED + ".");
        }
        database.useTransaction(s -> {
            SceneMapper m = s.getMapper(SceneMapper.class);
            existing(m.findById(sceneId), "Scene", sceneId);
            m.updateTransition(sceneId, transition.kind().id(), transition.seconds());
        });
    }

    @Override
    public void updateCharacterDescription(int characterId, String description) {
        String text = editedText(description, "A character");
        database.useTransaction(s -> {
            CharacterMapper m = s.getMapper(CharacterMapper.class);
            existing(m.findById(characterId), "Character", characterId);
            m.updateDescription(characterId, text);
        });
    }

    @Override
    public void useKeyframeTake(int keyframeId, int take) {
        Keyframe k = existing(
                database.read(s -> s.getMapper(KeyframeMapper.class).findById(keyframeId)), "Keyframe", keyframeId);
        if (Boolean.TRUE.equals(k.locked())) {
            throw new StudioException("This keyframe is approved (locked); unlock it to use another take.");
        }
        KeyframeImage image =
                database.read(s -> s.getMapper(KeyframeImageMapper.class).listByKeyframe(keyframeId)).stream()
                        .filter(i -> takeOf(i.take()) == take)
                        .reduce((a, b) -> b)
                        .orElseThrow(() ->
                                new StudioException("That keyframe has no take " + take + "; reload the project."));
        new RenderRepository(database).useKeyframeTake(image);
    }

    @Override
    public void useCharacterTake(int characterId, int take) {
        existing(
                database.read(s -> s.getMapper(CharacterMapper.class).findById(characterId)), "Character", characterId);
        CharacterImage reference =
                database.read(s -> s.getMapper(CharacterImageMapper.class).listByCharacter(characterId)).stream()
                        .filter(i -> "reference".equals(i.imageType()) && takeOf(i.take()) == take)
                        .reduce((a, b) -> b)
                        .orElseThrow(() ->
                                new StudioException("That character has no take " + take + "; reload the project."));
        new RenderRepository(database).useCharacterTake(reference);
    }

    @Override
    public ai.cinboard.service.RenderOptions renderOptions(int projectId) {
        RenderRepository.ProjectSettings own = new RenderRepository(database).projectSettings(projectId);
        return new ai.cinboard.service.RenderOptions(own.aspect(), own.mix(), own.subtitles());
    }

    @Override
    public void setAspect(int projectId, ai.cinboard.domain.AspectRatio aspect) {
        if (aspect == null) {
            throw new StudioException("Choose a frame: " + ai.cinboard.domain.AspectRatio.ALLOWED + ".");
        }
        new RenderRepository(database).saveAspect(projectId, aspect);
    }

    @Override
    public ai.cinboard.service.RenderOptions setMusic(int projectId, java.nio.file.Path music) {
        ProjectMix.Change change;
        try {
            change = new ProjectMix.Change(null, music, music == null);
        } catch (StudioException e) {
            // the command line's wording names its option; the window names the file
            throw new StudioException(e.getMessage().replaceFirst("^--music ", "The music file "), e);
        }
        new ProjectMix(database, media).apply(projectId, change);
        return renderOptions(projectId);
    }

    @Override
    public ai.cinboard.service.RenderOptions setLoudness(int projectId, double target) {
        new ProjectMix(database, media).apply(projectId, new ProjectMix.Change(target, null, false));
        return renderOptions(projectId);
    }

    @Override
    public ai.cinboard.service.RenderOptions setSubtitleStyle(int projectId, ai.cinboard.domain.SubtitleStyle style) {
        new RenderRepository(database).saveSubtitleStyle(projectId, style);
        return renderOptions(projectId);
    }

    private static int takeOf(Integer take) {
        return take == null ? 1 : take;
    }

    private static <T> T existing(T row, String what, int id) {
        if (row == null) {
            throw new StudioException(what + " " + id + " no longer exists; reload the project.");
        }
        return row;
    }
}
