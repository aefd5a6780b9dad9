package ai.cinboard.pipeline;

import ai.cinboard.domain.Character;
import ai.cinboard.domain.CharacterImage;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.RenderRepository;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The project as the studio sees it while iterating: each artefact with its takes and whether it is stale, and
 * the take switch (rollback). Scenes are named by their current number (1-based, in the order of the edit),
 * keyframes by their sequence (0, 1, 2), takes by their 1-based number.
 */
public final class ProjectIteration {
    private final Database database;
    private final RenderPipeline pipeline;

    public ProjectIteration(Database database, RenderPipeline pipeline) {
        this.database = database;
        this.pipeline = pipeline;
    }

    public record KeyframeState(
            int id,
            int sequence,
            String description,
            int timingSeconds,
            boolean locked,
            String imageUrl,
            int take,
            int takes,
            boolean stale) {}

    public record ClipState(String videoUrl, boolean stale) {}

    public record SceneState(
            int id,
            int number,
            String heading,
            BigDecimal durationSeconds,
            ai.cinboard.domain.Transition transition,
            boolean stale,
            List<KeyframeState> keyframes,
            ClipState clip) {}

    public record CharacterState(int id, String name, String imageUrl, int take, int takes, boolean stale) {}

    public record ProjectState(
            int id,
            List<SceneState> scenes,
            List<CharacterState> characters,
            boolean voiceoverStale,
            String finalVideoUrl,
            boolean finalVideoStale,
            long staleCount) {

        /** The JSON of {@code project show --json}: exactly the keys. */
        public Map<String, Object> toJson() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", id);
            List<Map<String, Object>> sceneList = new ArrayList<>();
            for (SceneState s : scenes) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("number", s.number());
                m.put("heading", s.heading());
                m.put("duration_seconds", s.durationSeconds());
                // How the scene opens from the one before it (the first scene's is not used).
                m.put("transition", s.transition().kind().id());
                m.put("transition_seconds", s.transition().seconds());
                m.put("stale", s.stale());
                List<Map<String, Object>> kfs = new ArrayList<>();
                for (KeyframeState k : s.keyframes()) {
                    Map<String, Object> km = new LinkedHashMap<>();
                    km.put("sequence", k.sequence());
                    km.put("description", k.description());
                    km.put("timing_seconds", k.timingSeconds());
                    km.put("locked", k.locked());
                    km.put("image_url", k.imageUrl());
                    km.put("take", k.take());
                    km.put("takes", k.takes());
                    km.put("stale", k.stale());
                    kfs.add(km);
                }
                m.put("keyframes", kfs);
                Map<String, Object> clip = new LinkedHashMap<>();
                clip.put("video_url", s.clip().videoUrl());
                clip.put("stale", s.clip().stale());
                m.put("clip", clip);
                sceneList.add(m);
            }
            doc.put("scenes", sceneList);
            List<Map<String, Object>> chars = new ArrayList<>();
            for (CharacterState c : characters) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("image_url", c.imageUrl());
                m.put("take", c.take());
                m.put("takes", c.takes());
                m.put("stale", c.stale());
                chars.add(m);
            }
            doc.put("characters", chars);
            doc.put("voiceover", Map.of("stale", voiceoverStale));
            Map<String, Object> fin = new LinkedHashMap<>();
            fin.put("video_url", finalVideoUrl);
            fin.put("stale", finalVideoStale);
            doc.put("final_video", fin);
            doc.put("stale_count", staleCount);
            return doc;
        }
    }

    public ProjectState show(int projectId) {
        Project p = load(projectId);
        Staleness plan = pipeline.staleness(projectId);
        List<SceneState> scenes = new ArrayList<>();
        for (int i = 0; i < p.scenes().size(); i++) {
            Scene scene = p.scenes().get(i);
            List<KeyframeState> keyframes = new ArrayList<>();
            for (Staleness.KeyframePlan k : plan.keyframes()) {
                if (!k.scene().id().equals(scene.id()) || k.existing() == null) {
                    continue;
                }
                Keyframe row = k.existing();
                keyframes.add(new KeyframeState(
                        row.id(),
                        row.sequence(),
                        row.keyframeDescription(),
                        row.timingSeconds(),
                        Boolean.TRUE.equals(row.locked()),
                        row.imageUrl(),
                        row.take() == null ? 1 : row.take(),
                        // takes, not images: a render of changed inputs adds an image under the same take
                        (int) p.keyframeImages().stream()
                                .filter(im -> Objects.equals(im.keyframeId(), row.id()))
                                .map(im -> takeOf(im.take()))
                                .distinct()
                                .count(),
                        k.stale()));
            }
            Staleness.ClipPlan clip = plan.clips().get(scene.id());
            boolean sceneStale = clip.stale() || keyframes.stream().anyMatch(KeyframeState::stale);
            scenes.add(new SceneState(
                    scene.id(),
                    i + 1,
                    scene.heading(),
                    scene.durationSeconds(),
                    scene.transition(),
                    sceneStale,
                    keyframes,
                    new ClipState(
                            clip.existing() == null ? null : clip.existing().videoUrl(), clip.stale())));
        }
        List<CharacterState> characters = new ArrayList<>();
        for (Staleness.CharacterPlan c : plan.characters().values()) {
            Character row = c.character();
            characters.add(new CharacterState(
                    row.id(),
                    row.characterName(),
                    row.imageUrl(),
                    row.take() == null ? 1 : row.take(),
                    (int) p.characterImages().stream()
                            .filter(im ->
                                    Objects.equals(im.characterId(), row.id()) && "reference".equals(im.imageType()))
                            .map(im -> takeOf(im.take()))
                            .distinct()
                            .count(),
                    c.stale()));
        }
        FinalVideo latest = p.finalVideos().stream()
                .max(Comparator.comparing(FinalVideo::id))
                .orElse(null);
        return new ProjectState(
                projectId,
                scenes,
                characters,
                plan.voiceover().stale(),
                latest == null ? null : latest.videoUrl(),
                plan.finalVideoStale(),
                plan.count());
    }

    /** The scene with this current number (1-based, in the order of the edit). */
    public static Scene scene(Project p, int number) {
        if (number < 1 || number > p.scenes().size()) {
            throw new StudioException("Project " + p.record().id() + " has no scene " + number + "; "
                    + (p.scenes().isEmpty()
                            ? "it has no scenes (its intake did not finish: render it again)."
                            : "it has scenes 1 to " + p.scenes().size() + " (see project show "
                                    + p.record().id() + ")."));
        }
        return p.scenes().get(number - 1);
    }

    public static Keyframe keyframe(Project p, int sceneNumber, int sequence) {
        Scene scene = scene(p, sceneNumber);
        return p.keyframes().stream()
                .filter(k -> k.sceneId().equals(scene.id()) && k.sequence() == sequence)
                .findFirst()
                .orElseThrow(() -> new StudioException("Scene " + sceneNumber + " has no keyframe " + sequence
                        + "; keyframes are numbered 0, 1, 2 (see project show "
                        + p.record().id() + ")."));
    }

    public static Character character(Project p, String name) {
        return p.characters().stream()
                .filter(c -> c.characterName().equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(() -> new StudioException("Project " + p.record().id() + " has no character \"" + name
                        + "\"; "
                        + (p.characters().isEmpty()
                                ? "it has no characters."
                                : "its characters are "
                                        + String.join(
                                                ", ",
                                                p.characters().stream()
                                                        .map(Character::characterName)
                                                        .toList())
                                        + ".")));
    }

    /** Makes take {@code take} (1-based) of a keyframe current again; a locked keyframe keeps its image. */
    public void useKeyframeTake(int projectId, int sceneNumber, int sequence, int take) {
        Project p = load(projectId);
        Keyframe k = keyframe(p, sceneNumber, sequence);
        if (Boolean.TRUE.equals(k.locked())) {
            throw new StudioException("Keyframe " + sequence + " of scene " + sceneNumber
                    + " is approved (locked); unlock it first (edit " + projectId + " --scene " + sceneNumber
                    + " --keyframe " + sequence + " --unlock).");
        }
        List<KeyframeImage> takes = p.keyframeImages().stream()
                .filter(i -> Objects.equals(i.keyframeId(), k.id()) && takeOf(i.take()) == take)
                .toList();
        if (takes.isEmpty()) {
            throw new StudioException("Keyframe " + sequence + " of scene " + sceneNumber + " has no take " + take
                    + "; it has takes 1 to "
                    + maxTake(p.keyframeImages().stream()
                            .filter(i -> Objects.equals(i.keyframeId(), k.id()))
                            .map(KeyframeImage::take)
                            .toList())
                    + ".");
        }
        new RenderRepository(database).useKeyframeTake(takes.get(takes.size() - 1));
    }

    public void useCharacterTake(int projectId, String name, int take) {
        Project p = load(projectId);
        Character c = character(p, name);
        List<CharacterImage> references = p.characterImages().stream()
                .filter(i -> Objects.equals(i.characterId(), c.id())
                        && "reference".equals(i.imageType())
                        && takeOf(i.take()) == take)
                .toList();
        if (references.isEmpty()) {
            throw new StudioException(c.characterName() + " has no take " + take + "; it has takes 1 to "
                    + maxTake(p.characterImages().stream()
                            .filter(i -> Objects.equals(i.characterId(), c.id()))
                            .map(CharacterImage::take)
                            .toList())
                    + ".");
        }
        new RenderRepository(database).useCharacterTake(references.get(references.size() - 1));
    }

    private static int takeOf(Integer take) {
        return take == null ? 1 : take;
    }

    private static int maxTake(List<Integer> takes) {
        return takes.stream().mapToInt(ProjectIteration::takeOf).max().orElse(0);
    }

    public Project load(int projectId) {
        return new RenderRepository(database).load(projectId);
    }
}
