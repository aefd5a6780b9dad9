package ai.cinboard.persistence;

import ai.cinboard.domain.AspectRatio;
import ai.cinboard.domain.CharacterImage;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.MixSettings;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.domain.Transition;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.domain.Voiceover;
import ai.cinboard.persistence.mapper.CharacterImageMapper;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.FinalVideoMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.KeyframeImageMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.persistence.mapper.VideoClipMapper;
import ai.cinboard.persistence.mapper.VoiceoverMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Every write of the render and of takes: targeted updates of the columns that change, each in one
 * transaction, never a row rebuilt from a stale copy. A row is written only after its file is stored.
 */
public final class RenderRepository {
    private final Database database;

    public RenderRepository(Database database) {
        this.database = database;
    }

    public Project load(int projectId) {
        return new ProjectRepository(database)
                .load(projectId)
                .orElseThrow(() -> new StudioException("There is no project " + projectId + "."));
    }

    /** Stores a character's new take (its sheet images) and makes it current. */
    public void addCharacterTake(List<CharacterImage> sheet, CharacterImage current) {
        database.useTransaction(s -> {
            CharacterImageMapper images = s.getMapper(CharacterImageMapper.class);
            sheet.forEach(images::insert);
            setCharacterTake(s, current);
        });
    }

    /** Makes an existing take current: the reference image of that take. */
    public void useCharacterTake(CharacterImage reference) {
        database.useTransaction(s -> setCharacterTake(s, reference));
    }

    private static void setCharacterTake(org.apache.ibatis.session.SqlSession s, CharacterImage reference) {
        s.getMapper(CharacterMapper.class)
                .setCurrentTake(
                        reference.characterId(),
                        reference.take(),
                        reference.imageUrl(),
                        reference.generationParams(),
                        reference.qualityScore(),
                        reference.fingerprint());
    }

    /** Creates a keyframe row (without an image yet) and returns its id. */
    public int insertKeyframe(Keyframe keyframe) {
        return database.inTransaction(s -> s.getMapper(KeyframeMapper.class).insert(keyframe));
    }

    /** Stores new takes of a keyframe and makes {@code current} (one of them) current. */
    public void addKeyframeTakes(List<KeyframeImage> takes, KeyframeImage current) {
        database.useTransaction(s -> {
            KeyframeImageMapper images = s.getMapper(KeyframeImageMapper.class);
            takes.forEach(images::insert);
            setKeyframeTake(s, current);
        });
    }

    public void useKeyframeTake(KeyframeImage take) {
        database.useTransaction(s -> setKeyframeTake(s, take));
    }

    private static void setKeyframeTake(org.apache.ibatis.session.SqlSession s, KeyframeImage take) {
        s.getMapper(KeyframeMapper.class)
                .setCurrentTake(
                        take.keyframeId(),
                        take.take(),
                        take.imageUrl(),
                        take.generationParams(),
                        take.qualityScore(),
                        take.fingerprint());
    }

    /** A scene has one clip: the new one replaces the old row. */
    public void replaceClip(VideoClip clip) {
        database.useTransaction(s -> {
            VideoClipMapper clips = s.getMapper(VideoClipMapper.class);
            clips.deleteByScene(clip.sceneId());
            clips.insert(clip);
        });
    }

    public void setSceneDurations(Map<Integer, BigDecimal> durations) {
        if (!durations.isEmpty()) {
            database.useTransaction(s -> durations.forEach(s.getMapper(SceneMapper.class)::updateDuration));
        }
    }

    public int insertVoiceover(Voiceover voiceover) {
        return database.inTransaction(s -> s.getMapper(VoiceoverMapper.class).insert(voiceover));
    }

    /** Replaces or adds these top-level entries of the voiceover's {@code voice_settings}, keeping the others. */
    public void mergeVoiceSettings(int voiceoverId, Map<String, Object> entries) {
        database.useTransaction(s -> s.getMapper(VoiceoverMapper.class).mergeVoiceSettings(voiceoverId, entries));
    }

    public int insertFinalVideo(FinalVideo video) {
        return database.inTransaction(s -> s.getMapper(FinalVideoMapper.class).insert(video));
    }

    public void markCompleted(int projectId) {
        database.inTransaction(s -> s.getMapper(InputRecordMapper.class)
                .updateStatus(projectId, RecordStatus.COMPLETED, Phase.COMPOSITION));
    }

    /**
     * How a render whose units all left the job engine ended, when that isn't "completed": failed (a unit failed
     * for good), cancelled, or still processing (a stopping worker handed its unit back).
     */
    public void markRenderState(int projectId, RecordStatus status) {
        database.inTransaction(s -> s.getMapper(InputRecordMapper.class).updateStatusOnly(projectId, status));
    }

    /**
     * A project's own render settings: its frame (null for none), final mix, subtitle style (null for none), and the
     * size and frame rate it was rendered at when they were given (null for the studio's).
     */
    public record ProjectSettings(
            AspectRatio aspect, MixSettings mix, SubtitleStyle subtitles, FrameSize size, Integer fps) {}

    /** A frame size given for a project ({@code render --resolution}). */
    public record FrameSize(int width, int height) {}

    /** All of the project's render settings, read at once (a render needs each of them). */
    public ProjectSettings projectSettings(int projectId) {
        Map<String, Object> stored = renderSettings(projectId);
        return new ProjectSettings(
                aspectOf(stored),
                MixSettings.fromMap(stored),
                SubtitleStyle.fromMap(stored.get(SubtitleStyle.KEY)),
                sizeOf(stored),
                stored.get(FPS_KEY) instanceof Integer fps && fps >= 1 && fps <= 60 ? fps : null);
    }

    private static FrameSize sizeOf(Map<String, Object> settings) {
        if (settings.get(RESOLUTION_KEY) instanceof String s && s.matches("\\d{2,5}x\\d{2,5}")) {
            String[] wh = s.split("x");
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            return w >= 64 && h >= 64 && w % 2 == 0 && h % 2 == 0 ? new FrameSize(w, h) : null;
        }
        return null;
    }

    /**
     * Keeps the size and frame rate the project is rendered at (either may be null: as it was), so the next render
     * of its changes, here or on a worker, renders and compares at them rather than at the studio's own.
     */
    public void saveFrameSize(int projectId, FrameSize size, Integer fps) {
        Map<String, Object> values = new java.util.HashMap<>();
        List<String> keys = new java.util.ArrayList<>();
        if (size != null) {
            keys.add(RESOLUTION_KEY);
            values.put(RESOLUTION_KEY, size.width() + "x" + size.height());
        }
        if (fps != null) {
            keys.add(FPS_KEY);
            values.put(FPS_KEY, fps);
        }
        if (!keys.isEmpty()) {
            updateRenderSettings(projectId, keys, values);
        }
    }

    /** The project's final-mix settings as stored, defaults where nothing is. */
    public MixSettings mixSettings(int projectId) {
        return MixSettings.fromMap(renderSettings(projectId));
    }

    /** Stores the project's final-mix settings; the next render's final video is stale if they changed. */
    public void saveMixSettings(int projectId, MixSettings settings) {
        updateRenderSettings(projectId, MixSettings.KEYS, settings.toMap());
    }

    /** The project's subtitle style, or null when none was chosen (classic, burned in only without a voiceover). */
    public SubtitleStyle subtitleStyle(int projectId) {
        return SubtitleStyle.fromMap(renderSettings(projectId).get(SubtitleStyle.KEY));
    }

    /** Stores the project's subtitle style (null takes it out); only its final video is stale when it changed. */
    public void saveSubtitleStyle(int projectId, SubtitleStyle style) {
        updateRenderSettings(
                projectId,
                List.of(SubtitleStyle.KEY),
                style == null ? Map.of() : Map.of(SubtitleStyle.KEY, style.toMap()));
    }

    /** The frame the project is rendered in, or null when none was chosen (the render resolution's own shape). */
    public AspectRatio aspect(int projectId) {
        return aspectOf(renderSettings(projectId));
    }

    private static AspectRatio aspectOf(Map<String, Object> settings) {
        Object stored = settings.get(ASPECT_KEY);
        try {
            return stored instanceof String s ? AspectRatio.parse(s) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Stores the project's frame; its keyframes, clips and final video are stale when the frame changed. */
    public void saveAspect(int projectId, AspectRatio aspect) {
        updateRenderSettings(projectId, List.of(ASPECT_KEY), Map.of(ASPECT_KEY, aspect.label()));
    }

    /** Sets how every scene of the project opens, in one statement (render --transition). */
    public void saveTransitionOfEveryScene(int projectId, Transition transition) {
        database.useTransaction(s -> s.getMapper(SceneMapper.class)
                .updateTransitionOfProject(projectId, transition.kind().id(), transition.seconds()));
    }

    /** The project's own render settings (input_records.render_settings), empty where nothing is readable. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> renderSettings(int projectId) {
        String json = database.read(s -> s.getMapper(InputRecordMapper.class).findRenderSettings(projectId));
        if (json == null) {
            throw new StudioException("There is no project " + projectId + ".");
        }
        try {
            return JSON.readValue(json, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.of();
        }
    }

    private void updateRenderSettings(int projectId, List<String> replaced, Map<String, Object> values) {
        int n = database.inTransaction(
                s -> s.getMapper(InputRecordMapper.class).updateRenderSettings(projectId, replaced, values));
        if (n != 1) {
            throw new StudioException("There is no project " + projectId + ".");
        }
    }

    /** The render_settings key of the project's frame: "16:9", "9:16" or "1:1". */
    private static final String ASPECT_KEY = "aspect";

    /** The render_settings keys of the size ("640x360") and frame rate the project is rendered at. */
    private static final String RESOLUTION_KEY = "resolution";

    private static final String FPS_KEY = "fps";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
}
