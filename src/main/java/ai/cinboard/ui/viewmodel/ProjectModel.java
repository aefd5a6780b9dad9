package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.Character;
import ai.cinboard.domain.CharacterImage;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.SceneCharacter;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.domain.Voiceover;
import ai.cinboard.service.ProjectStaleness;
import ai.cinboard.service.ProjectSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The open project as observable rows, shared by the storyboard, characters and timeline view models. */
public final class ProjectModel {
    private final ObjectProperty<Project> project = new SimpleObjectProperty<>(this, "project");
    private final ObservableList<SceneRow> scenes = FXCollections.observableArrayList();
    private final ObservableList<CharacterCard> characters = FXCollections.observableArrayList();
    private final ObjectProperty<String> voiceoverUrl = new SimpleObjectProperty<>(this, "voiceoverUrl");
    /** The newest render's final video (media-store URL); null before the first. */
    private final ObjectProperty<String> finalVideoUrl = new SimpleObjectProperty<>(this, "finalVideoUrl");
    /** The open project's music bed (media-store URL) and the name of the file it came from; null: no music. */
    private final ObjectProperty<String> musicUrl = new SimpleObjectProperty<>(this, "musicUrl");

    private final ObjectProperty<String> musicName = new SimpleObjectProperty<>(this, "musicName");
    private final ObjectProperty<String> title = new SimpleObjectProperty<>(this, "title", "");
    private final IntegerProperty revision = new SimpleIntegerProperty(this, "revision");
    private final ObjectProperty<ProjectStaleness> staleness =
            new SimpleObjectProperty<>(this, "staleness", ProjectStaleness.NONE);
    /** False from opening a project until the service first said what is stale in it. */
    private final BooleanProperty stalenessKnown = new SimpleBooleanProperty(this, "stalenessKnown");

    /** Replaces everything with {@code p} (null closes). Call on the UI thread. */
    public void load(Project p) {
        load(p == null ? null : prepare(p));
    }

    /**
     * A project read and its rows built, not yet shown. Building the rows of a big project takes a while, so
     * {@link #prepare} runs off the UI thread, and the UI thread only swaps them in with {@link #load(Prepared)}.
     */
    public static final class Prepared {
        private final Project project;
        private final Rows rows;

        private Prepared(Project project, Rows rows) {
            this.project = project;
            this.rows = rows;
        }

        public Project project() {
            return project;
        }

        /** The scene rows in storyboard order. */
        public List<SceneRow> scenes() {
            return rows.scenes;
        }
    }

    /** Builds the rows of {@code p}. Touches no shared state: call on any thread. */
    public static Prepared prepare(Project p) {
        return new Prepared(p, rows(p));
    }

    /** Replaces everything with the prepared rows (null closes). Call on the UI thread. */
    public void load(Prepared prepared) {
        Project p = prepared == null ? null : prepared.project;
        Integer before = projectId();
        if (p == null || !p.record().id().equals(before)) {
            staleness.set(ProjectStaleness.NONE);
            stalenessKnown.set(false);
        }
        project.set(p);
        if (p == null) {
            scenes.clear();
            characters.clear();
            voiceoverUrl.set(null);
            finalVideoUrl.set(null);
            musicUrl.set(null);
            musicName.set(null);
            title.set("");
            return;
        }
        Rows rows = prepared.rows;
        scenes.setAll(rows.scenes);
        characters.setAll(rows.characters);
        voiceoverUrl.set(rows.voiceoverUrl);
        finalVideoUrl.set(finalVideoOf(p));
        title.set(titleOf(p));
        markStale(staleness.get()); // the same project read again keeps its marks until the next check
        revision.set(revision.get() + 1);
    }

    /**
     * Takes what the service says is stale in the open project now: marks the rows and sets
     * {@link #stalenessProperty()}. Call on the UI thread.
     */
    public void applyStaleness(ProjectStaleness s) {
        markStale(s);
        staleness.set(s);
        stalenessKnown.set(true);
    }

    private void markStale(ProjectStaleness s) {
        for (SceneRow r : scenes) {
            r.clipStaleProperty().set(s.clipSceneIds().contains(r.id()));
            for (KeyframeItem k : r.keyframes())
                k.staleProperty().set(s.keyframeIds().contains(k.id()));
        }
        for (CharacterCard c : characters)
            c.staleProperty().set(s.characterIds().contains(c.id()));
    }

    /**
     * Takes a newer copy of the open project (after a background job): when it has the same scenes, keyframes and
     * characters, the existing rows are updated in place, so selections and undo history stay valid; the scene
     * order shown is kept. Otherwise it is loaded afresh and this returns false.
     */
    public boolean refresh(Project p) {
        Integer open = projectId();
        if (open == null || p == null || !open.equals(p.record().id())) return false;
        Rows fresh = rows(p);
        Map<Integer, SceneRow> sceneById = new HashMap<>();
        fresh.scenes.forEach(r -> sceneById.put(r.id(), r));
        Map<Integer, CharacterCard> cardById = new HashMap<>();
        fresh.characters.forEach(c -> cardById.put(c.id(), c));
        boolean same = sceneById.size() == scenes.size()
                && cardById.size() == characters.size()
                && scenes.stream().allMatch(r -> sceneById.containsKey(r.id()) && r.sameShape(sceneById.get(r.id())))
                && characters.stream().allMatch(c -> cardById.containsKey(c.id()));
        if (!same) {
            load(p);
            return false;
        }
        project.set(p);
        scenes.forEach(r -> r.updateFrom(sceneById.get(r.id())));
        characters.forEach(c -> c.updateFrom(cardById.get(c.id())));
        voiceoverUrl.set(fresh.voiceoverUrl);
        finalVideoUrl.set(finalVideoOf(p));
        revision.set(revision.get() + 1);
        return true;
    }

    private record Rows(List<SceneRow> scenes, List<CharacterCard> characters, String voiceoverUrl) {}

    private static Rows rows(Project p) {
        Map<Integer, Character> charById = new HashMap<>();
        p.characters().forEach(c -> charById.put(c.id(), c));
        Map<Integer, List<String>> namesByScene = new HashMap<>();
        Map<Integer, List<Integer>> scenesByChar = new HashMap<>();
        for (SceneCharacter sc : p.sceneCharacters()) {
            Character c = charById.get(sc.characterId());
            if (c != null) {
                namesByScene
                        .computeIfAbsent(sc.sceneId(), k -> new ArrayList<>())
                        .add(c.characterName());
            }
            scenesByChar
                    .computeIfAbsent(sc.characterId(), k -> new ArrayList<>())
                    .add(sc.sceneId());
        }
        Map<Integer, Map<Integer, TakeItem>> takesByKeyframe = new HashMap<>();
        p.keyframeImages().stream()
                .sorted(Comparator.comparing(KeyframeImage::id))
                .forEach(i -> takesByKeyframe
                        .computeIfAbsent(i.keyframeId(), k -> new TreeMap<>())
                        .put(
                                takeOf(i.take()),
                                new TakeItem(takeOf(i.take()), i.imageUrl(), quality(i.qualityScore()))));
        Map<Integer, List<KeyframeItem>> kfByScene = new HashMap<>();
        p.keyframes().stream()
                .sorted(Comparator.comparing((Keyframe k) -> k.sceneId())
                        .thenComparing(k -> k.sequence() == null ? 0 : k.sequence()))
                .forEach(k -> kfByScene
                        .computeIfAbsent(k.sceneId(), s -> new ArrayList<>())
                        .add(new KeyframeItem(
                                k,
                                List.copyOf(takesByKeyframe
                                        .getOrDefault(k.id(), Map.of())
                                        .values()))));
        Map<Integer, String> clipByScene = new HashMap<>();
        for (VideoClip c : p.clips()) {
            clipByScene.put(c.sceneId(), c.videoUrl());
        }
        Map<Integer, String> headingById = new HashMap<>();
        List<SceneRow> rows = new ArrayList<>(p.scenes().size());
        p.scenes().stream()
                .sorted(Comparator.comparing((Scene s) -> s.position() == null ? 0 : s.position()))
                .forEach(s -> {
                    headingById.put(s.id(), s.heading());
                    rows.add(new SceneRow(
                            s.id(),
                            s.sceneNumber() == null ? 0 : s.sceneNumber(),
                            s.heading(),
                            s.durationSeconds(),
                            namesByScene.getOrDefault(s.id(), List.of()),
                            kfByScene.getOrDefault(s.id(), List.of()),
                            clipByScene.get(s.id()),
                            s.transition()));
                });
        Map<Integer, List<String>> galleryByChar = new HashMap<>();
        Map<Integer, Map<Integer, TakeItem>> takesByChar = new HashMap<>();
        for (CharacterImage ci : p.characterImages()) {
            galleryByChar
                    .computeIfAbsent(ci.characterId(), k -> new ArrayList<>())
                    .add(ci.imageUrl());
        }
        p.characterImages().stream()
                .filter(ci -> "reference".equals(ci.imageType()))
                .sorted(Comparator.comparing(CharacterImage::id))
                .forEach(ci -> takesByChar
                        .computeIfAbsent(ci.characterId(), k -> new TreeMap<>())
                        .put(
                                takeOf(ci.take()),
                                new TakeItem(takeOf(ci.take()), ci.imageUrl(), quality(ci.qualityScore()))));
        List<CharacterCard> cards = new ArrayList<>();
        for (Character c : p.characters()) {
            List<String> headings = scenesByChar.getOrDefault(c.id(), List.of()).stream()
                    .map(headingById::get)
                    .filter(Objects::nonNull)
                    .toList();
            cards.add(new CharacterCard(
                    c.id(),
                    c.characterName(),
                    c.characterDescription(),
                    c.consistencyKey(),
                    c.imageUrl(),
                    headings,
                    galleryByChar.getOrDefault(c.id(), List.of()),
                    takeOf(c.take()),
                    List.copyOf(takesByChar.getOrDefault(c.id(), Map.of()).values())));
        }
        return new Rows(
                rows,
                cards,
                p.voiceovers().stream()
                        .map(Voiceover::audioUrl)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null));
    }

    private static int takeOf(Integer take) {
        return take == null ? 1 : take;
    }

    private static String quality(java.math.BigDecimal score) {
        return score == null ? "–" : score.toPlainString();
    }

    private static String finalVideoOf(Project p) {
        return p.finalVideos().stream()
                .filter(v ->
                        v.id() != null && v.videoUrl() != null && !v.videoUrl().isBlank())
                .max(Comparator.comparing(FinalVideo::id))
                .map(FinalVideo::videoUrl)
                .orElse(null);
    }

    static String titleOf(Project p) {
        return ProjectSummary.titleOf(p.record().rawInput());
    }

    public Integer projectId() {
        return project.get() == null ? null : project.get().record().id();
    }

    public ObjectProperty<Project> projectProperty() {
        return project;
    }

    public ObservableList<SceneRow> scenes() {
        return scenes;
    }

    public ObservableList<CharacterCard> characters() {
        return characters;
    }

    public ObjectProperty<String> musicUrlProperty() {
        return musicUrl;
    }

    public ObjectProperty<String> musicNameProperty() {
        return musicName;
    }

    public ObjectProperty<String> voiceoverUrlProperty() {
        return voiceoverUrl;
    }

    /** The newest render's final video, or null when the project has none. */
    public ReadOnlyObjectProperty<String> finalVideoUrlProperty() {
        return finalVideoUrl;
    }

    public ObjectProperty<String> titleProperty() {
        return title;
    }
    /** What is stale in the open project, as the service last said; {@link ProjectStaleness#NONE} when none is open. */
    public ReadOnlyObjectProperty<ProjectStaleness> stalenessProperty() {
        return staleness;
    }

    /** True once the service has said what is stale in the open project ({@link #stalenessProperty()} is its answer). */
    public ReadOnlyBooleanProperty stalenessKnownProperty() {
        return stalenessKnown;
    }

    /** Increments whenever the rows' content changes (load or refresh): views redraw what they show. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision;
    }
}
