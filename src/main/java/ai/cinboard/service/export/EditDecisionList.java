package ai.cinboard.service.export;

import ai.cinboard.domain.Character;
import ai.cinboard.domain.ExactLength;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Line;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.SceneCharacter;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.Transition;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.domain.Voiceover;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The edit as every exporter sees it: scenes in {@code position} order, each scene's clip (or, lacking one,
 * its keyframes held as stills), the voiceover and the subtitle cues, with every time in whole frames.
 * Building it once keeps FCPXML, xmeml, EDL, SRT, the shot list and the PDF in agreement about durations.
 */
public record EditDecisionList(
        String title,
        String language,
        FrameRate frameRate,
        int width,
        int height,
        long startFrames,
        List<SceneCut> scenes,
        List<TimelineEvent> events,
        Optional<AudioEvent> voiceover,
        List<AudioEvent> music,
        List<SubtitleCue> cues,
        Map<String, List<Integer>> sourceSizes) {

    public EditDecisionList {
        sourceSizes = Map.copyOf(sourceSizes);
        music = List.copyOf(music);
        scenes = List.copyOf(scenes);
        events = List.copyOf(events);
        cues = List.copyOf(cues);
        long expected = 0;
        for (TimelineEvent e : events) {
            if (e.recordIn() != expected) {
                throw new IllegalArgumentException("event " + e.number() + " starts at " + e.recordIn() + ", expected "
                        + expected + ": the timeline must have no gaps or overlaps");
            }
            expected = e.recordOut();
        }
    }

    /**
     * The picture size of a media file of the edit, {width, height}, as its render recorded it; the sequence's
     * size for a file whose size is not known. Editors are told each file's own size (a 1280x720 clip on a 1080p
     * sequence is scaled by the editor, not mistaken for 1080p).
     */
    public int[] sourceSize(String url) {
        List<Integer> wh = sourceSizes.get(url);
        return wh == null ? new int[] {width, height} : new int[] {wh.get(0), wh.get(1)};
    }

    /** Length of the edit in frames: the sum of the event lengths, which the constructor keeps gapless. */
    public long totalFrames() {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).recordOut();
    }

    /** A subtitle cue placed on the edit's frames: {@code from} inclusive, {@code to} exclusive. */
    public record FramedCue(SubtitleCue cue, long from, long to) {
        public long length() {
            return to - from;
        }
    }

    /**
     * The cues in whole frames, cut at the edit's end; a cue shorter than a frame is left out. What the editor
     * formats place as titles or captions.
     */
    public List<FramedCue> framedCues() {
        List<FramedCue> framed = new ArrayList<>();
        for (SubtitleCue c : cues) {
            long from = frameRate.framesForMillis(c.startMillis());
            long to = Math.min(totalFrames(), frameRate.framesForMillis(c.endMillis()));
            if (to > from) {
                framed.add(new FramedCue(c, from, to));
            }
        }
        return framed;
    }

    /**
     * Frames of the transition that opens {@code cut}, from its first frame (the render's timing): 0 for a cut and
     * for the first scene, at most the scene's length.
     */
    public long openingFrames(SceneCut cut) {
        Transition t = cut.scene().transition();
        if (cut.index() == 1 || t.kind() == Transition.Kind.CUT) {
            return 0;
        }
        return Math.min(cut.length(), frameRate.framesFor(t.seconds()));
    }

    /** The scene that {@code e} opens with a transition (not a cut), if it does. */
    public Optional<SceneCut> openedWithTransition(TimelineEvent e) {
        SceneCut cut = scenes.get(e.sceneIndex() - 1);
        return cut.recordIn() == e.recordIn() && openingFrames(cut) > 0 ? Optional.of(cut) : Optional.empty();
    }

    /**
     * The same edit over copies of its media ({@link EditorMedia}): each file {@code copies} names is replaced by
     * its copy, by URL and name, the files in {@code longer} are that many frames longer than the originals, and
     * the sounds in {@code sounds} have that sample rate and channel count ({rate, channels}).
     */
    public EditDecisionList withMedia(
            Map<String, java.nio.file.Path> copies, Map<String, Long> longer, Map<String, int[]> sounds) {
        java.util.function.UnaryOperator<String> url =
                u -> copies.containsKey(u) ? copies.get(u).toUri().toString() : u;
        java.util.function.BinaryOperator<String> name =
                (u, n) -> copies.containsKey(u) ? copies.get(u).getFileName().toString() : n;
        List<TimelineEvent> moved = events.stream()
                .map(e -> new TimelineEvent(
                        e.number(),
                        e.kind(),
                        name.apply(e.sourceUrl(), e.name()),
                        url.apply(e.sourceUrl()),
                        e.sourceFrames() + longer.getOrDefault(e.sourceUrl(), 0L),
                        e.sourceIn(),
                        e.sourceOut(),
                        e.recordIn(),
                        e.recordOut(),
                        e.sceneIndex(),
                        e.shotNumber()))
                .toList();
        java.util.function.UnaryOperator<AudioEvent> audio = a -> {
            int[] sound = sounds.getOrDefault(a.sourceUrl(), new int[] {a.sampleRate(), a.channels()});
            return new AudioEvent(
                    name.apply(a.sourceUrl(), a.name()),
                    url.apply(a.sourceUrl()),
                    a.sourceFrames(),
                    a.sourceIn(),
                    a.sourceOut(),
                    a.recordIn(),
                    a.recordOut(),
                    sound[0],
                    sound[1]);
        };
        Map<String, List<Integer>> sizes = new HashMap<>();
        sourceSizes.forEach((u, wh) -> sizes.put(url.apply(u), wh));
        return new EditDecisionList(
                title,
                language,
                frameRate,
                width,
                height,
                startFrames,
                scenes,
                moved,
                voiceover.map(audio),
                music.stream().map(audio).toList(),
                cues,
                sizes);
    }

    public int shotCount() {
        return scenes.stream().mapToInt(s -> s.shots().size()).sum();
    }

    /** Builds the edit of a project. Throws {@link StudioException} when a scene has nothing to show. */
    public static EditDecisionList from(Project project, ExportOptions options) {
        Objects.requireNonNull(project, "project");
        FrameRate rate = options.frameRate();
        if (project.scenes() == null || project.scenes().isEmpty()) {
            throw new StudioException("The project has no scenes yet. Run the breakdown step, then export again.");
        }
        Optional<FinalVideo> finalVideo = list(project.finalVideos()).stream()
                .max(Comparator.comparing(FinalVideo::id, Comparator.nullsFirst(Comparator.naturalOrder())));
        Set<Integer> finalClipIds = new HashSet<>(
                finalVideo.map(FinalVideo::videoClipIds).map(List::copyOf).orElse(List.of()));

        List<Scene> ordered = new ArrayList<>(project.scenes());
        // position is the creator's order in the edit; the script's number only breaks ties.
        ordered.sort(Comparator.comparing(Scene::position, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Scene::sceneNumber, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Scene::id, Comparator.nullsLast(Comparator.naturalOrder())));

        Map<Integer, String> characterNames = new HashMap<>();
        for (Character c : list(project.characters())) {
            characterNames.put(c.id(), c.characterName());
        }
        Map<Integer, List<String>> castByScene = new HashMap<>();
        for (SceneCharacter sc : list(project.sceneCharacters())) {
            String name = characterNames.get(sc.characterId());
            if (name != null) {
                List<String> cast = castByScene.computeIfAbsent(sc.sceneId(), k -> new ArrayList<>());
                if (!cast.contains(name)) {
                    cast.add(name);
                }
            }
        }

        List<SceneCut> cuts = new ArrayList<>();
        List<TimelineEvent> events = new ArrayList<>();
        long cursor = 0;
        int sceneIndex = 0;
        for (Scene scene : ordered) {
            sceneIndex++;
            String label = "Scene " + (scene.sceneNumber() != null ? scene.sceneNumber() : sceneIndex);
            VideoClip clip = clipFor(project, scene, finalClipIds);
            List<Keyframe> keyframes = list(project.keyframes()).stream()
                    .filter(k -> Objects.equals(k.sceneId(), scene.id()))
                    .sorted(Comparator.comparing(Keyframe::sequence, Comparator.nullsLast(Comparator.naturalOrder())))
                    .toList();

            long length = rate.framesFor(scene.durationSeconds());
            long clipFrames = clip == null ? 0 : rate.framesFor(clipSeconds(clip));
            if (clip != null && clipFrames > 0) {
                // The clip is what the viewer sees; a scene longer than its clip cannot be filled by it.
                length = length == 0 ? clipFrames : Math.min(length, clipFrames);
            }
            if (length == 0) {
                throw new StudioException(label + " has no duration. Set its duration in the storyboard "
                        + "(or run the breakdown again), then export again.");
            }

            List<Shot> shots = shotsFor(project, keyframes, cursor, length, rate);
            if (clip != null) {
                long sourceFrames = Math.max(clipFrames, length);
                events.add(new TimelineEvent(
                        events.size() + 1,
                        TimelineEvent.Kind.CLIP,
                        fileName(clip.videoUrl(), "scene" + sceneIndex + ".mp4"),
                        clip.videoUrl(),
                        sourceFrames,
                        0,
                        length,
                        cursor,
                        cursor + length,
                        sceneIndex,
                        0));
            } else {
                if (keyframes.isEmpty()) {
                    throw new StudioException(label + " has neither a clip nor keyframes. Generate its "
                            + "keyframes or its clip, then export again.");
                }
                for (Shot shot : shots) {
                    if (shot.imageUrl() == null) {
                        throw new StudioException(label + ", shot " + shot.number() + " has no image. Generate "
                                + "its keyframe again, then export again.");
                    }
                    events.add(new TimelineEvent(
                            events.size() + 1,
                            TimelineEvent.Kind.STILL,
                            fileName(shot.imageUrl(), "scene" + sceneIndex + "_" + shot.number() + ".png"),
                            shot.imageUrl(),
                            shot.length(),
                            0,
                            shot.length(),
                            shot.recordIn(),
                            shot.recordIn() + shot.length(),
                            sceneIndex,
                            shot.number()));
                }
            }
            cuts.add(new SceneCut(
                    sceneIndex, scene, clip, castByScene.getOrDefault(scene.id(), List.of()), cursor, length, shots));
            cursor += length;
        }
        long total = cursor;

        Optional<AudioEvent> audio = voiceoverFor(project, finalVideo)
                .map(v -> {
                    long frames = rate.framesFor(
                            ExactLength.of(v.voiceSettings()).orElseGet(() -> seconds(v.durationSeconds())));
                    long onTimeline = frames == 0 ? total : Math.min(frames, total);
                    return new AudioEvent(
                            fileName(v.audioUrl(), "voiceover.wav"),
                            v.audioUrl(),
                            Math.max(frames, onTimeline),
                            0,
                            onTimeline,
                            0,
                            onTimeline,
                            AudioEvent.VOICE_RATE,
                            AudioEvent.VOICE_CHANNELS);
                })
                .filter(a -> a.sourceUrl() != null && a.length() > 0);

        // The final video's cues are the timing of the MP4, its SRT and its burned-in subtitles. They are used
        // only when it was composed from exactly these clips in this order; after a move or a new clip its cues
        // belong to another edit, and the cues are derived from the edit as it is now.
        List<Integer> clipsInOrder = cuts.stream()
                .filter(c -> c.clip() != null)
                .map(c -> c.clip().id())
                .toList();
        List<SubtitleCue> cues = finalVideo
                .filter(fv -> clipsInOrder.equals(fv.videoClipIds()))
                .map(fv -> cuesFrom(fv.compositionData()))
                .orElse(List.of());
        // the sequence in the project's frame (a vertical project is a vertical timeline), at the export's size
        int[] frame = options.aspectRatio().frameSize(Math.min(options.width(), options.height()));
        if (cues.isEmpty()) {
            cues = narrationCues(
                    cuts,
                    rate,
                    project.record() == null ? null : project.record().detectedLanguage(),
                    options.subtitleLook().pageUnits(frame[0], frame[1]));
        }

        String language = project.record() == null ? null : project.record().detectedLanguage();
        return new EditDecisionList(
                titleOf(project, options),
                language == null ? "und" : language,
                rate,
                frame[0],
                frame[1],
                rate.framesOf("01:00:00:00"),
                cuts,
                events,
                audio,
                finalVideo.map(fv -> musicFor(fv, rate, total)).orElse(List.of()),
                cues,
                sourceSizes(project));
    }

    /** Each clip's and keyframe image's picture size, from the render's record of it. */
    private static Map<String, List<Integer>> sourceSizes(Project project) {
        Map<String, List<Integer>> sizes = new HashMap<>();
        for (VideoClip c : list(project.clips())) {
            size(c.generationParams()).ifPresent(wh -> sizes.put(c.videoUrl(), wh));
        }
        for (KeyframeImage i : list(project.keyframeImages())) {
            size(i.generationParams()).ifPresent(wh -> sizes.put(i.imageUrl(), wh));
        }
        sizes.remove(null);
        return sizes;
    }

    private static Optional<List<Integer>> size(Map<String, Object> params) {
        if (params != null
                && params.get("width") instanceof Number w
                && params.get("height") instanceof Number h
                && w.intValue() > 0
                && h.intValue() > 0) {
            return Optional.of(List.of(w.intValue(), h.intValue()));
        }
        return Optional.empty();
    }

    /**
     * The final video's music bed on its own audio track: the music file from the start of the timeline,
     * repeated back to back where the video is longer than the music (as the final mix loops it), the last
     * repetition cut at the end. The ducking and fades of the final mix are not carried over.
     */
    private static List<AudioEvent> musicFor(FinalVideo fv, FrameRate rate, long total) {
        if (fv.compositionData() == null || !(fv.compositionData().get("music") instanceof Map<?, ?> m)) {
            return List.of();
        }
        if (!(m.get("url") instanceof String url) || !(m.get("source_seconds") instanceof Number source)) {
            return List.of();
        }
        long sourceFrames = rate.framesFor(BigDecimal.valueOf(source.doubleValue()));
        if (sourceFrames <= 0) {
            return List.of();
        }
        String name = m.get("name") instanceof String n && !n.isBlank() ? n : fileName(url, "music");
        List<AudioEvent> loops = new ArrayList<>();
        for (long at = 0; at < total; at += sourceFrames) {
            long length = Math.min(sourceFrames, total - at);
            loops.add(new AudioEvent(
                    name,
                    url,
                    sourceFrames,
                    0,
                    length,
                    at,
                    at + length,
                    AudioEvent.MUSIC_RATE,
                    AudioEvent.MUSIC_CHANNELS));
        }
        return loops;
    }

    private static VideoClip clipFor(Project project, Scene scene, Set<Integer> finalClipIds) {
        // Prefer the clip the final video was composed from; otherwise the newest clip of the scene.
        return list(project.clips()).stream()
                .filter(c -> Objects.equals(c.sceneId(), scene.id()) && c.videoUrl() != null)
                .max(Comparator.comparing((VideoClip c) -> finalClipIds.contains(c.id()))
                        .thenComparing(VideoClip::id, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElse(null);
    }

    /**
     * Splits a scene into one shot per keyframe. Each keyframe runs from its {@code timing_seconds} to the
     * next one's; the first starts with the scene, so the shots tile the scene exactly. Every shot keeps at
     * least one frame even when timings collide.
     */
    private static List<Shot> shotsFor(
            Project project, List<Keyframe> keyframes, long sceneIn, long length, FrameRate rate) {
        if (keyframes.isEmpty()) {
            return List.of(new Shot(1, null, null, "", sceneIn, length));
        }
        int n = (int) Math.min(keyframes.size(), length);
        long[] starts = new long[n + 1];
        starts[n] = length;
        for (int i = 1; i < n; i++) {
            long wanted = rate.framesFor(seconds(keyframes.get(i).timingSeconds()));
            starts[i] = Math.max(starts[i - 1] + 1, Math.min(wanted, length - (n - i)));
        }
        List<Shot> shots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Keyframe k = keyframes.get(i);
            shots.add(new Shot(
                    i + 1,
                    k,
                    imageOf(project, k),
                    k.keyframeDescription() == null ? "" : k.keyframeDescription(),
                    sceneIn + starts[i],
                    starts[i + 1] - starts[i]));
        }
        return shots;
    }

    private static String imageOf(Project project, Keyframe k) {
        if (k.imageUrl() != null && !k.imageUrl().isBlank()) {
            return k.imageUrl();
        }
        return list(project.keyframeImages()).stream()
                .filter(i -> Objects.equals(i.keyframeId(), k.id()) && i.imageUrl() != null)
                .min(Comparator.comparing(KeyframeImage::id, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(KeyframeImage::imageUrl)
                .orElse(null);
    }

    private static Optional<Voiceover> voiceoverFor(Project project, Optional<FinalVideo> finalVideo) {
        List<Voiceover> all = list(project.voiceovers());
        Integer wanted = finalVideo.map(FinalVideo::voiceoverId).orElse(null);
        if (wanted != null) {
            Optional<Voiceover> used =
                    all.stream().filter(v -> wanted.equals(v.id())).findFirst();
            if (used.isPresent()) {
                return used;
            }
        }
        return all.stream().max(Comparator.comparing(Voiceover::id, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    /** Reads the pipeline's cue list from composition_data; malformed entries are skipped, not guessed. */
    static List<SubtitleCue> cuesFrom(Map<String, Object> compositionData) {
        if (compositionData == null || !(compositionData.get("cues") instanceof List<?> raw)) {
            return List.of();
        }
        List<SubtitleCue> cues = new ArrayList<>();
        for (Object o : raw) {
            if (o instanceof Map<?, ?> m
                    && m.get("start") instanceof Number s
                    && m.get("end") instanceof Number e
                    && m.get("text") instanceof String text
                    && !text.isBlank()) {
                long start = Math.round(s.doubleValue() * 1000);
                long end = Math.round(e.doubleValue() * 1000);
                if (start >= 0 && end > start) {
                    cues.add(new SubtitleCue(start, end, text.strip()));
                }
            }
        }
        return cues;
    }

    /**
     * Without a final video of this edit, each scene's lines as intake stored them are timed over the scene's
     * span by {@link Line#timed}, the rule the render times its cues by. A scene stored before its lines were
     * (migration V10) has its text split into sentences instead, shared in proportion to their length.
     */
    private static List<SubtitleCue> narrationCues(
            List<SceneCut> cuts, FrameRate rate, String language, int pageUnits) {
        List<SubtitleCue> cues = new ArrayList<>();
        ULocale locale = language == null ? ULocale.ROOT : new ULocale(language);
        for (SceneCut cut : cuts) {
            if (cut.scene().lines() != null) {
                long sceneStart = rate.millisAt(cut.recordIn());
                long sceneEnd = rate.millisAt(cut.recordIn() + cut.length());
                for (Line.Timed t : Line.timed(
                        cut.scene().lines(),
                        (sceneEnd - sceneStart) / 1000.0,
                        ai.cinboard.text.CuePages.PAGER,
                        pageUnits)) {
                    long from = sceneStart + Math.round(t.start() * 1000);
                    long to = Math.min(sceneEnd, sceneStart + Math.round(t.end() * 1000));
                    if (to > from) {
                        cues.add(new SubtitleCue(from, to, t.text()));
                    }
                }
                continue;
            }
            String text = cut.scene().text();
            if (text == null || text.isBlank()) {
                continue;
            }
            List<String> sentences = new ArrayList<>();
            BreakIterator it = BreakIterator.getSentenceInstance(locale);
            String flat = text.replaceAll("\\s+", " ").strip();
            it.setText(flat);
            for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                String s = flat.substring(start, end).strip();
                if (!s.isEmpty()) {
                    sentences.add(s);
                }
            }
            long weight = sentences.stream()
                    .mapToLong(s -> s.codePointCount(0, s.length()))
                    .sum();
            long sceneStart = rate.millisAt(cut.recordIn());
            long sceneEnd = rate.millisAt(cut.recordIn() + cut.length());
            long done = 0;
            for (String s : sentences) {
                long from = sceneStart + (sceneEnd - sceneStart) * done / weight;
                done += s.codePointCount(0, s.length());
                long to = sceneStart + (sceneEnd - sceneStart) * done / weight;
                if (to > from) {
                    cues.add(new SubtitleCue(from, to, s));
                }
            }
        }
        return cues;
    }

    private static String titleOf(Project project, ExportOptions options) {
        if (options.title() != null && !options.title().isBlank()) {
            return options.title().strip();
        }
        String raw = project.record() == null ? null : project.record().rawInput();
        if (raw != null) {
            for (String line : raw.split("\\R")) {
                String t = line.strip().replaceFirst("(?i)^title:\\s*", "");
                if (!t.isEmpty()) {
                    return t.codePointCount(0, t.length()) > 60 ? t.substring(0, t.offsetByCodePoints(0, 60)) + "…" : t;
                }
            }
        }
        Integer id = project.record() == null ? null : project.record().id();
        return "CinBoard project " + (id == null ? "" : id);
    }

    static String fileName(String url, String fallback) {
        if (url == null || url.isBlank()) {
            return fallback;
        }
        String path = url.replaceFirst("[?#].*$", "");
        int slash = path.lastIndexOf('/');
        String name = slash >= 0 ? path.substring(slash + 1) : path;
        return name.isBlank() ? fallback : name;
    }

    /** How long the clip runs: its exact length as its render kept it ({@link ExactLength}), else whole seconds. */
    private static BigDecimal clipSeconds(VideoClip clip) {
        return ExactLength.of(clip.generationParams()).orElseGet(() -> seconds(clip.durationSeconds()));
    }

    private static BigDecimal seconds(Integer s) {
        return s == null ? null : BigDecimal.valueOf(s);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
