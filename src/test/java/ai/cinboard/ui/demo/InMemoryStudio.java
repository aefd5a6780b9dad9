package ai.cinboard.ui.demo;

import ai.cinboard.domain.Character;
import ai.cinboard.domain.CharacterImage;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.SceneCharacter;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.domain.Voiceover;
import ai.cinboard.service.AnalysisPreview;
import ai.cinboard.service.ConnectionPart;
import ai.cinboard.service.ConnectionResult;
import ai.cinboard.service.EngineKind;
import ai.cinboard.service.ExportService;
import ai.cinboard.service.GenerationService;
import ai.cinboard.service.JobEvent;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.service.ProjectService;
import ai.cinboard.service.ProjectStaleness;
import ai.cinboard.service.ProjectSummary;
import ai.cinboard.service.SettingsService;
import ai.cinboard.service.StudioSettings;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * In-memory stand-in for the service layer, for the view-model unit tests only (no toolkit, no database: they
 * check each view model's logic and the calls it makes). Images are drawn with Java2D and kept as PNG bytes.
 * The window tests, the screenshots and the benchmark run on the real stack instead (see RenderedStudio).
 */
public final class InMemoryStudio
        implements ProjectService, GenerationService, MediaPreviewService, SettingsService, ExportService {
    public static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 20, 9, 30, 0, 0, ZoneOffset.UTC);
    static final String[][] SCENES = {
        {"EXT. LIGHTHOUSE CLIFF - DAY", "DAY", "Mara climbs the cliff path towards the old lighthouse."},
        {"INT. LIGHTHOUSE KITCHEN - DAY", "DAY", "Tomas pours tea and refuses to talk about the lamp."},
        {"EXT. HARBOUR - NIGHT", "NIGHT", "A stranger rows in through the fog, a lantern at the bow."},
        {"INT. LAMP ROOM - NIGHT", "NIGHT", "Mara finds the logbook; the last entry is tomorrow's date."},
        {"EXT. BEACH - DAY", "DAY", "Ines and Mara search the wreck for the missing lens."},
        {"INT. LIGHTHOUSE STAIRS - NIGHT", "NIGHT", "The storm breaks; Tomas climbs with the lens in his arms."},
        {"EXT. LIGHTHOUSE CLIFF - NIGHT", "NIGHT", "The beam sweeps the sea and finds the stranger's boat."},
        {"INT. LIGHTHOUSE KITCHEN - DAY", "DAY", "Morning. Three cups on the table. The logbook is blank."},
    };
    static final String[][] CAST = {
        {"MARA", "A young cartographer in a rust-red coat, short dark hair, always carries a brass compass."},
        {"TOMAS", "The old keeper: grey beard, navy fisherman's sweater, slow and watchful."},
        {"INES", "Mara's friend, a diver: violet raincoat, braided hair, quick to laugh."},
    };

    private final Map<Integer, Project> projects = new ConcurrentHashMap<>();
    private final Map<Integer, ProjectSummary> summaries = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, JobInfo> jobs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, byte[]> pngs = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> sceneOfKeyframe = new ConcurrentHashMap<>();
    private final List<Consumer<JobEvent>> listeners = new CopyOnWriteArrayList<>();
    /** Every call that changes something, e.g. "updateKeyframe 12", for test assertions. */
    public final List<String> calls = new CopyOnWriteArrayList<>();

    private final AtomicInteger ids = new AtomicInteger(1000);
    private final AtomicInteger jobIds = new AtomicInteger(1);
    private volatile StudioSettings settings = defaultSettings();
    public volatile String failNextSaveWith;

    /** A library of four projects; the first is "The Lighthouse Keeper". */
    public InMemoryStudio() {
        addProject(
                1,
                "The Lighthouse Keeper\n\nA story of a lamp, a logbook and a stranger.",
                "en",
                RecordStatus.COMPLETED,
                SCENES.length,
                0);
        addProject(2, "灯台守の娘\n\n霧の夜、見知らぬ舟が港に入ってくる。", "ja", RecordStatus.PROCESSING, 6, 1);
        addProject(3, "حارس المنارة\n\nقصة عن مصباح ودفتر وغريب.", "ar", RecordStatus.ANALYZED, 6, 2);
        addProject(
                4, "Le gardien du phare\n\nUne histoire de lampe et de brouillard.", "fr", RecordStatus.FAILED, 6, 3);
        seedJobs();
    }

    // ---------------------------------------------------------------- demo data

    private void addProject(int id, String raw, String lang, RecordStatus status, int sceneCount, int dayOffset) {
        OffsetDateTime created = T0.minusDays(dayOffset * 2L).plusHours(dayOffset);
        InputRecord rec = new InputRecord(
                id,
                1,
                raw,
                raw.length(),
                lang,
                "0.98",
                null,
                status,
                status == RecordStatus.COMPLETED ? Phase.COMPOSITION : Phase.KEYFRAMES,
                null,
                Map.of("allowed", true),
                "demo",
                "127.0.0.1",
                "CinBoard Studio",
                created,
                created,
                created.plusMinutes(6));
        List<Scene> scenes = new ArrayList<>();
        List<SceneCharacter> sc = new ArrayList<>();
        List<Character> chars = new ArrayList<>();
        List<CharacterImage> charImages = new ArrayList<>();
        List<Keyframe> kfs = new ArrayList<>();
        List<KeyframeImage> kfImages = new ArrayList<>();
        List<VideoClip> clips = new ArrayList<>();
        int base = id * 100_000;
        for (int c = 0; c < CAST.length; c++) {
            int cid = base + 90_000 + c;
            chars.add(new Character(
                    cid,
                    id,
                    "char-" + c,
                    CAST[c][0].charAt(0) + CAST[c][0].substring(1).toLowerCase(),
                    CAST[c][1],
                    String.format("ck-%08x-p%d", (CAST[c][0].hashCode() & 0x7fffffff), c),
                    "mem://character/" + cid + "/0",
                    Map.of(),
                    new BigDecimal("0.9" + c),
                    created,
                    created));
            for (int v = 0; v < 4; v++) {
                charImages.add(new CharacterImage(
                        cid * 10 + v,
                        cid,
                        null,
                        "mem://character/" + cid + "/" + v,
                        v == 0 ? "reference" : "variation",
                        Map.of(),
                        new BigDecimal("0.88"),
                        20_000L,
                        created));
            }
        }
        for (int s = 0; s < sceneCount; s++) {
            String[] def = SCENES[(s + dayOffset * 2) % SCENES.length];
            int sid = base + s + 1;
            BigDecimal dur =
                    new BigDecimal(4 + (s * 7) % 6).add(new BigDecimal("0.5").multiply(BigDecimal.valueOf(s % 2)));
            scenes.add(
                    new Scene(sid, id, s + 1, s, def[0], def[0].substring(5), def[1], def[2], dur, created, created));
            List<Integer> ids = new ArrayList<>();
            for (int c = 0; c < CAST.length; c++) {
                if ((s + c) % 3 != 2 || c == 0 && s % 4 == 0) {
                    sc.add(new SceneCharacter(sid, base + 90_000 + c));
                    ids.add(base + 90_000 + c);
                }
            }
            List<Integer> kfIds = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                int kid = base + 50_000 + s * 3 + k;
                sceneOfKeyframe.put(kid, sid);
                kfs.add(new Keyframe(
                        kid,
                        id,
                        sid,
                        "kf-" + s + "-" + k,
                        k,
                        (k == 0 ? "Wide: " : k == 1 ? "Close-up: " : "Medium: ") + def[2],
                        "mem://keyframe/" + kid,
                        (int) Math.min(dur.doubleValue() - 1, k * dur.doubleValue() / 3),
                        Map.of("shot", k),
                        new BigDecimal("0." + (78 + (s * 3 + k) % 20)),
                        s == 0 && k == 0,
                        created));
                kfImages.add(new KeyframeImage(
                        kid * 10, kid, "mem://keyframe/" + kid, "render", Map.of(), null, 30_000L, created));
                kfIds.add(kid);
            }
            clips.add(new VideoClip(
                    base + 70_000 + s,
                    id,
                    sid,
                    "clip-" + s,
                    "mem://clip/" + sid,
                    dur.intValue(),
                    400_000L,
                    new BigDecimal("0.85"),
                    Map.of(),
                    kfIds,
                    ids,
                    created));
        }
        List<Voiceover> vo = List.of(new Voiceover(
                base + 80_000,
                id,
                "mem://voice/" + id,
                40,
                300_000L,
                Map.of("voice", lang),
                new BigDecimal("0.9"),
                lang,
                created));
        List<FinalVideo> finals = status == RecordStatus.COMPLETED
                ? List.of(new FinalVideo(
                        base + 85_000,
                        id,
                        "mem://final/" + id,
                        45,
                        2_000_000L,
                        null,
                        List.of("mem://keyframe/" + (base + 50_000)),
                        Map.of(),
                        List.of(),
                        base + 80_000,
                        created,
                        null))
                : List.of();
        projects.put(id, new Project(rec, List.of(), scenes, sc, chars, charImages, kfs, kfImages, clips, vo, finals));
        String title = raw.lines().findFirst().orElse("Untitled");
        summaries.put(
                id, new ProjectSummary(id, title, status, lang, created, "mem://keyframe/" + (base + 50_000 + 1)));
    }

    private void seedJobs() {
        putJob(new JobInfo(
                "job-" + jobIds.getAndIncrement(),
                1,
                "Render 'The Lighthouse Keeper'",
                PhaseStatus.COMPLETED,
                phases(Phase.COMPOSITION, PhaseStatus.COMPLETED, 100, null)));
        putJob(
                new JobInfo(
                        "job-" + jobIds.getAndIncrement(),
                        4,
                        "Render 'Le gardien du phare'",
                        PhaseStatus.FAILED,
                        phases(
                                Phase.KEYFRAMES,
                                PhaseStatus.FAILED,
                                40,
                                "ComfyUI at http://gpu-box:8188 did not answer within 60 s. Check the endpoint in Settings, or switch the image engine to Local.")));
        putJob(new JobInfo(
                "job-" + jobIds.getAndIncrement(),
                1,
                "Regenerate scene 3",
                PhaseStatus.CANCELLED,
                List.of(
                        new JobPhase(
                                Phase.KEYFRAMES,
                                PhaseStatus.CANCELLED,
                                66,
                                Duration.ofSeconds(9),
                                "Cancelled by the user."),
                        new JobPhase(Phase.CLIPS, PhaseStatus.PENDING, 0, Duration.ZERO, null))));
        putJob(new JobInfo(
                "job-" + jobIds.getAndIncrement(),
                2,
                "Render '灯台守の娘'",
                PhaseStatus.RUNNING,
                phases(Phase.KEYFRAMES, PhaseStatus.RUNNING, 45, null)));
    }

    /** Every pipeline phase: those before {@code at} completed, {@code at} with the given state, the rest pending. */
    static List<JobPhase> phases(Phase at, PhaseStatus status, int progress, String error) {
        List<JobPhase> list = new ArrayList<>();
        for (Phase p : Phase.values()) {
            if (p.ordinal() < at.ordinal())
                list.add(new JobPhase(p, PhaseStatus.COMPLETED, 100, Duration.ofSeconds(2L + p.ordinal() * 3L), null));
            else if (p == at) list.add(new JobPhase(p, status, progress, Duration.ofSeconds(34), error));
            else list.add(new JobPhase(p, PhaseStatus.PENDING, 0, Duration.ZERO, null));
        }
        return list;
    }

    private void putJob(JobInfo j) {
        synchronized (jobs) {
            jobs.remove(j.jobId());
            LinkedHashMap<String, JobInfo> copy = new LinkedHashMap<>(jobs);
            jobs.clear();
            jobs.put(j.jobId(), j);
            jobs.putAll(copy);
        }
        for (Consumer<JobEvent> l : listeners) l.accept(new JobEvent(j));
    }

    /** Updates a job as the pipeline would (tests use it to simulate progress). */
    public void publish(JobInfo job) {
        putJob(job);
    }

    // ---------------------------------------------------------------- ProjectService

    @Override
    public List<ProjectSummary> listProjects() {
        synchronized (summaries) {
            List<ProjectSummary> list = new ArrayList<>(summaries.values());
            list.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
            return list;
        }
    }

    @Override
    public Project loadProject(int projectId) {
        Project p = projects.get(projectId);
        if (p == null) throw new StudioException("Project " + projectId + " no longer exists.");
        return p;
    }

    @Override
    public String readStoryFile(byte[] bytes, String fileName) {
        calls.add("readStoryFile");
        return new ai.cinboard.text.StoryDecoder().decode(bytes, fileName).text();
    }

    @Override
    public AnalysisPreview analyze(String text, String fileName) {
        calls.add("analyze");
        if (text == null || text.isBlank())
            return new AnalysisPreview("und", 0, true, List.of(), 0, List.of(), List.of("The story is empty."));
        String lang = "en";
        double conf = 0.97;
        if (text.codePoints()
                .anyMatch(c -> java.lang.Character.UnicodeScript.of(c) == java.lang.Character.UnicodeScript.HIRAGANA))
            lang = "ja";
        else if (text.codePoints()
                .anyMatch(c -> java.lang.Character.UnicodeScript.of(c) == java.lang.Character.UnicodeScript.HAN))
            lang = "zh";
        else if (text.codePoints()
                .anyMatch(c -> java.lang.Character.UnicodeScript.of(c) == java.lang.Character.UnicodeScript.ARABIC))
            lang = "ar";
        else if (text.contains(" le ") || text.contains(" la ")) {
            lang = "fr";
            conf = 0.91;
        }
        boolean blocked = text.toLowerCase().contains("forbidden");
        long scenes = text.lines()
                .filter(l -> l.startsWith("INT.") || l.startsWith("EXT."))
                .count();
        List<String> names = text.lines()
                .map(String::strip)
                .filter(l -> l.length() > 1
                        && l.length() < 20
                        && l.equals(l.toUpperCase())
                        && l.chars().allMatch(c -> java.lang.Character.isLetter(c) || c == ' '))
                .distinct()
                .toList();
        return new AnalysisPreview(
                lang,
                conf,
                !blocked,
                blocked ? List.of("Describes forbidden content (policy rule 3.2).") : List.of(),
                (int) Math.max(1, scenes),
                names,
                List.of());
    }

    @Override
    public int createAndRender(String text, String fileName) {
        calls.add("createAndRender");
        int id = ids.incrementAndGet();
        String title = text.strip().lines().findFirst().orElse("Untitled");
        addProject(id, text, analyze(text, fileName).detectedLanguage(), RecordStatus.PROCESSING, 6, 0);
        summaries.put(id, new ProjectSummary(id, title, RecordStatus.PROCESSING, "en", OffsetDateTime.now(), null));
        putJob(new JobInfo(
                "job-" + jobIds.getAndIncrement(),
                id,
                "Render '" + title + "'",
                PhaseStatus.RUNNING,
                phases(Phase.VALIDATION, PhaseStatus.RUNNING, 10, null)));
        return id;
    }

    private void maybeFail() {
        String f = failNextSaveWith;
        if (f != null) {
            failNextSaveWith = null;
            throw new StudioException(f);
        }
    }

    // ---------------------------------------------------------------- staleness and takes

    /**
     * What the demo treats as stale: the artefacts edited since the last render changes, each with what depends
     * on it (a keyframe's clip, every edit's final video), as the real studio derives it from fingerprints.
     */
    private final Set<Integer> staleKeyframes = ConcurrentHashMap.newKeySet();

    private final Set<Integer> staleClips = ConcurrentHashMap.newKeySet();
    private final Set<Integer> staleCharacters = ConcurrentHashMap.newKeySet();
    private final Set<Integer> staleFinals = ConcurrentHashMap.newKeySet();

    private void keyframeEdited(int keyframeId, boolean image) {
        Keyframe k = findKeyframe(keyframeId);
        if (image) staleKeyframes.add(keyframeId);
        staleClips.add(k.sceneId());
        staleFinals.add(k.inputRecordId());
    }

    @Override
    public ProjectStaleness staleness(int projectId) {
        Project p = loadProject(projectId);
        Set<Integer> keyframes = p.keyframes().stream()
                .map(Keyframe::id)
                .filter(staleKeyframes::contains)
                .collect(java.util.stream.Collectors.toSet());
        Set<Integer> clips = p.scenes().stream()
                .map(Scene::id)
                .filter(staleClips::contains)
                .collect(java.util.stream.Collectors.toSet());
        Set<Integer> characters = p.characters().stream()
                .map(Character::id)
                .filter(staleCharacters::contains)
                .collect(java.util.stream.Collectors.toSet());
        boolean finalVideo = staleFinals.contains(projectId);
        return new ProjectStaleness(
                keyframes,
                clips,
                characters,
                false,
                finalVideo,
                keyframes.size() + clips.size() + characters.size() + (finalVideo ? 1 : 0));
    }

    /** The demo's render changes job makes everything current at once; it stays listed as running. */
    @Override
    public String renderChanges(int projectId) {
        calls.add("renderChanges " + projectId);
        Project p = loadProject(projectId);
        p.keyframes().forEach(k -> staleKeyframes.remove(k.id()));
        p.scenes().forEach(sc -> staleClips.remove(sc.id()));
        p.characters().forEach(c -> staleCharacters.remove(c.id()));
        staleFinals.remove(projectId);
        return startJob(projectId, "Render changes", Phase.COMPOSITION);
    }

    /** Team mode for the demo: the render workers online (set by a test), or empty for a single machine. */
    public volatile java.util.Optional<List<String>> workers = java.util.Optional.empty();

    @Override
    public java.util.Optional<List<String>> workersOnline() {
        return workers;
    }

    @Override
    public String renderOnWorkers(int projectId) {
        calls.add("renderOnWorkers " + projectId);
        return "Queued the render for " + String.join(", ", workers.orElseThrow()) + ".";
    }

    /** The demo's keyframes have one take each (take 1); using it again changes nothing. */
    @Override
    public void useKeyframeTake(int keyframeId, int take) {
        maybeFail();
        calls.add("useKeyframeTake " + keyframeId + " " + take);
        if (take != 1) throw new StudioException("That keyframe has no take " + take + "; reload the project.");
    }

    @Override
    public void useCharacterTake(int characterId, int take) {
        maybeFail();
        calls.add("useCharacterTake " + characterId + " " + take);
        if (take != 1) throw new StudioException("That character has no take " + take + "; reload the project.");
    }

    /** The demo's projects' frames and mixes: nothing is rendered, so the music file is only named. */
    private final Map<Integer, ai.cinboard.service.RenderOptions> renderOptions =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public ai.cinboard.service.RenderOptions renderOptions(int projectId) {
        maybeFail();
        return renderOptions.getOrDefault(
                projectId, new ai.cinboard.service.RenderOptions(null, ai.cinboard.domain.MixSettings.DEFAULT, null));
    }

    @Override
    public void setAspect(int projectId, ai.cinboard.domain.AspectRatio aspect) {
        maybeFail();
        calls.add("setAspect " + projectId + " " + aspect.label());
        ai.cinboard.service.RenderOptions o = renderOptions(projectId);
        renderOptions.put(projectId, new ai.cinboard.service.RenderOptions(aspect, o.mix(), o.subtitles()));
    }

    @Override
    public ai.cinboard.service.RenderOptions setMusic(int projectId, java.nio.file.Path music) {
        maybeFail();
        calls.add("setMusic " + projectId + " " + (music == null ? "none" : music.getFileName()));
        ai.cinboard.service.RenderOptions o = renderOptions(projectId);
        ai.cinboard.service.RenderOptions next = new ai.cinboard.service.RenderOptions(
                o.aspect(),
                o.mix()
                        .withMusic(
                                music == null ? null : music.toUri().toString(),
                                music == null ? null : music.getFileName().toString()),
                o.subtitles());
        renderOptions.put(projectId, next);
        return next;
    }

    @Override
    public ai.cinboard.service.RenderOptions setLoudness(int projectId, double target) {
        maybeFail();
        calls.add("setLoudness " + projectId + " " + target);
        ai.cinboard.service.RenderOptions o = renderOptions(projectId);
        ai.cinboard.service.RenderOptions next =
                new ai.cinboard.service.RenderOptions(o.aspect(), o.mix().withLoudness(target), o.subtitles());
        renderOptions.put(projectId, next);
        return next;
    }

    @Override
    public ai.cinboard.service.RenderOptions setSubtitleStyle(int projectId, ai.cinboard.domain.SubtitleStyle style) {
        maybeFail();
        calls.add("setSubtitleStyle " + projectId + " " + (style == null ? "auto" : style.preset()));
        ai.cinboard.service.RenderOptions o = renderOptions(projectId);
        ai.cinboard.service.RenderOptions next = new ai.cinboard.service.RenderOptions(o.aspect(), o.mix(), style);
        renderOptions.put(projectId, next);
        return next;
    }

    @Override
    public void updateKeyframe(int keyframeId, String description, int timingSeconds) {
        maybeFail();
        keyframeEdited(keyframeId, true);
        calls.add("updateKeyframe " + keyframeId + " " + timingSeconds + " " + description);
        replaceKeyframe(
                keyframeId,
                k -> new Keyframe(
                        k.id(),
                        k.inputRecordId(),
                        k.sceneId(),
                        k.keyframeId(),
                        k.sequence(),
                        description,
                        k.imageUrl(),
                        timingSeconds,
                        k.generationParams(),
                        k.qualityScore(),
                        k.locked(),
                        k.createdAt()));
    }

    @Override
    public void setKeyframeLocked(int keyframeId, boolean locked) {
        maybeFail();
        calls.add("setKeyframeLocked " + keyframeId + " " + locked);
        replaceKeyframe(
                keyframeId,
                k -> new Keyframe(
                        k.id(),
                        k.inputRecordId(),
                        k.sceneId(),
                        k.keyframeId(),
                        k.sequence(),
                        k.keyframeDescription(),
                        k.imageUrl(),
                        k.timingSeconds(),
                        k.generationParams(),
                        k.qualityScore(),
                        locked,
                        k.createdAt()));
    }

    private void replaceKeyframe(int keyframeId, java.util.function.UnaryOperator<Keyframe> f) {
        projects.replaceAll((id, p) -> {
            if (p.keyframes().stream().noneMatch(k -> k.id() == keyframeId)) return p;
            List<Keyframe> ks = p.keyframes().stream()
                    .map(k -> k.id() == keyframeId ? f.apply(k) : k)
                    .toList();
            return new Project(
                    p.record(),
                    p.statuses(),
                    p.scenes(),
                    p.sceneCharacters(),
                    p.characters(),
                    p.characterImages(),
                    ks,
                    p.keyframeImages(),
                    p.clips(),
                    p.voiceovers(),
                    p.finalVideos());
        });
    }

    @Override
    public void reorderScenes(int projectId, List<Integer> order) {
        maybeFail();
        calls.add("reorderScenes " + order);
        staleFinals.add(projectId);
        Project p = loadProject(projectId);
        if (order.size() != p.scenes().size()) throw new StudioException("The scene order does not list every scene.");
        List<Scene> scenes = p.scenes().stream()
                .map(s -> new Scene(
                        s.id(),
                        s.inputRecordId(),
                        s.sceneNumber(),
                        order.indexOf(s.id()),
                        s.heading(),
                        s.location(),
                        s.timeOfDay(),
                        s.text(),
                        s.durationSeconds(),
                        s.createdAt(),
                        s.updatedAt()))
                .toList();
        projects.put(
                projectId,
                new Project(
                        p.record(),
                        p.statuses(),
                        scenes,
                        p.sceneCharacters(),
                        p.characters(),
                        p.characterImages(),
                        p.keyframes(),
                        p.keyframeImages(),
                        p.clips(),
                        p.voiceovers(),
                        p.finalVideos()));
    }

    @Override
    public void setSceneDuration(int sceneId, BigDecimal durationSeconds) {
        maybeFail();
        staleClips.add(sceneId);
        staleFinals.add(findScene(sceneId).inputRecordId());
        if (durationSeconds.signum() <= 0) throw new StudioException("A scene must last longer than zero seconds.");
        calls.add("setSceneDuration " + sceneId + " " + durationSeconds);
        projects.replaceAll((id, p) -> new Project(
                p.record(),
                p.statuses(),
                p.scenes().stream()
                        .map(s -> s.id() == sceneId
                                ? new Scene(
                                        s.id(),
                                        s.inputRecordId(),
                                        s.sceneNumber(),
                                        s.position(),
                                        s.heading(),
                                        s.location(),
                                        s.timeOfDay(),
                                        s.text(),
                                        durationSeconds,
                                        s.createdAt(),
                                        s.updatedAt())
                                : s)
                        .toList(),
                p.sceneCharacters(),
                p.characters(),
                p.characterImages(),
                p.keyframes(),
                p.keyframeImages(),
                p.clips(),
                p.voiceovers(),
                p.finalVideos()));
    }

    @Override
    public void setSceneTransition(int sceneId, ai.cinboard.domain.Transition transition) {
        maybeFail();
        staleFinals.add(findScene(sceneId).inputRecordId());
        calls.add("setSceneTransition " + sceneId + " " + transition.describe());
        projects.replaceAll((id, p) -> new Project(
                p.record(),
                p.statuses(),
                p.scenes().stream()
                        .map(s -> s.id() == sceneId ? s.withTransition(transition) : s)
                        .toList(),
                p.sceneCharacters(),
                p.characters(),
                p.characterImages(),
                p.keyframes(),
                p.keyframeImages(),
                p.clips(),
                p.voiceovers(),
                p.finalVideos()));
    }

    @Override
    public void updateCharacterDescription(int characterId, String description) {
        maybeFail();
        staleCharacters.add(characterId);
        calls.add("updateCharacterDescription " + characterId + " " + description);
    }

    // ---------------------------------------------------------------- GenerationService

    private String startJob(int projectId, String title, Phase phase) {
        String id = "job-" + jobIds.getAndIncrement();
        putJob(new JobInfo(
                id,
                projectId,
                title,
                PhaseStatus.RUNNING,
                List.of(new JobPhase(phase, PhaseStatus.RUNNING, 0, Duration.ZERO, null))));
        return id;
    }

    @Override
    public String regenerateKeyframe(int keyframeId, int candidates) {
        calls.add("regenerateKeyframe " + keyframeId + (candidates > 1 ? " x" + candidates : ""));
        return startJob(1, "Regenerate keyframe " + keyframeId, Phase.KEYFRAMES);
    }

    @Override
    public String regenerateScene(int sceneId) {
        calls.add("regenerateScene " + sceneId);
        return startJob(1, "Regenerate scene " + sceneId, Phase.KEYFRAMES);
    }

    @Override
    public String regenerateCharacter(int characterId, boolean includeKeyframes, int candidates) {
        calls.add("regenerateCharacter " + characterId + " " + includeKeyframes
                + (candidates > 1 ? " x" + candidates : ""));
        return startJob(
                1,
                "Regenerate character " + characterId + (includeKeyframes ? " and keyframes" : ""),
                Phase.CHARACTERS);
    }

    @Override
    public void cancel(String jobId) {
        calls.add("cancel " + jobId);
        JobInfo j = jobs.get(jobId);
        if (j == null || j.status().isFinished()) return;
        putJob(new JobInfo(
                j.jobId(),
                j.projectId(),
                j.title(),
                PhaseStatus.CANCELLED,
                j.phases().stream()
                        .map(p -> p.status() == PhaseStatus.RUNNING
                                ? new JobPhase(
                                        p.phase(),
                                        PhaseStatus.CANCELLED,
                                        p.progress(),
                                        p.elapsed(),
                                        "Cancelled by the user.")
                                : p)
                        .toList()));
    }

    @Override
    public String retry(String jobId) {
        calls.add("retry " + jobId);
        JobInfo j = jobs.get(jobId);
        if (j == null) throw new StudioException("That job no longer exists.");
        String id = "job-" + jobIds.getAndIncrement();
        putJob(new JobInfo(
                id,
                j.projectId(),
                j.title() + " (retry)",
                PhaseStatus.RUNNING,
                j.phases().stream()
                        .map(p -> p.status() == PhaseStatus.COMPLETED
                                ? p
                                : new JobPhase(p.phase(), PhaseStatus.PENDING, 0, Duration.ZERO, null))
                        .toList()));
        return id;
    }

    @Override
    public List<JobInfo> listJobs() {
        synchronized (jobs) {
            return new ArrayList<>(jobs.values());
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<JobEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    // ---------------------------------------------------------------- MediaPreviewService

    /** The stored PNG for a URL, drawn on first use (like a MediaStore read). */
    byte[] png(String url) {
        return pngs.computeIfAbsent(url, this::draw);
    }

    private byte[] draw(String url) {
        String[] parts = url.replace("mem://", "").split("/");
        switch (parts[0]) {
            case "keyframe" -> {
                int kid = Integer.parseInt(parts[1]);
                Keyframe k = findKeyframe(kid);
                Scene s = findScene(k.sceneId());
                Project p = projects.get(k.inputRecordId());
                List<Integer> colours = p.sceneCharacters().stream()
                        .filter(sc -> sc.sceneId().equals(s.id()))
                        .map(sc -> sc.characterId() % 10)
                        .toList();
                return DemoArt.png(DemoArt.keyframe(640, 360, s.heading(), s.timeOfDay(), k.sequence(), colours, kid));
            }
            case "character" -> {
                int cid = Integer.parseInt(parts[1]);
                Character c = projects.values().stream()
                        .flatMap(p -> p.characters().stream())
                        .filter(x -> x.id() == cid)
                        .findFirst()
                        .orElseThrow(() -> new StudioException("Missing character image " + url));
                return DemoArt.png(DemoArt.character(256, c.characterName(), cid % 10, Integer.parseInt(parts[2])));
            }
            default -> throw new StudioException("The media file " + url + " is missing from the store.");
        }
    }

    private Keyframe findKeyframe(int kid) {
        for (Project p : projects.values()) for (Keyframe k : p.keyframes()) if (k.id() == kid) return k;
        throw new StudioException("Keyframe " + kid + " is missing.");
    }

    private Scene findScene(int sid) {
        for (Project p : projects.values()) for (Scene s : p.scenes()) if (s.id() == sid) return s;
        throw new StudioException("Scene " + sid + " is missing.");
    }

    @Override
    public BufferedImage image(String mediaUrl, int maxWidth, int maxHeight) {
        return DemoArt.scale(DemoArt.decode(png(mediaUrl)), maxWidth, maxHeight);
    }

    @Override
    public BufferedImage videoFrame(String videoUrl, double seconds, int maxWidth, int maxHeight) {
        if (videoUrl.startsWith("mem://final/")) return finalFrame(videoUrl, seconds, maxWidth, maxHeight);
        int sid = Integer.parseInt(videoUrl.substring(videoUrl.lastIndexOf('/') + 1));
        Scene s = findScene(sid);
        Project p = projects.get(s.inputRecordId());
        List<Keyframe> ks =
                p.keyframes().stream().filter(k -> k.sceneId() == sid).toList();
        double frac = Math.max(0, Math.min(0.999, seconds / s.durationSeconds().doubleValue()));
        Keyframe k = ks.get((int) (frac * ks.size()));
        BufferedImage base = DemoArt.decode(png(k.imageUrl()));
        BufferedImage frame = new BufferedImage(base.getWidth(), base.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        double zoom = 1 + 0.08 * frac; // slow push-in, like the animatic
        int w = (int) (base.getWidth() * zoom), h = (int) (base.getHeight() * zoom);
        g.drawImage(base, (base.getWidth() - w) / 2, (base.getHeight() - h) / 2, w, h, null);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0, 0, 0, 160));
        g.fillRect(10, 10, 150, 28);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 16));
        g.drawString(String.format("S%d  %05.2fs", s.sceneNumber(), seconds), 18, 30);
        g.dispose();
        return DemoArt.scale(frame, maxWidth, maxHeight);
    }

    /**
     * The demo's final video: at each time, the frame of the clip there with a caption band burned in, as the
     * real composition burns in subtitles. Past its end, the last frame.
     */
    private BufferedImage finalFrame(String videoUrl, double seconds, int maxWidth, int maxHeight) {
        Project p = projects.get(Integer.parseInt(videoUrl.substring(videoUrl.lastIndexOf('/') + 1)));
        List<Scene> scenes = p.scenes().stream()
                .sorted(java.util.Comparator.comparing(Scene::position))
                .toList();
        double start = 0;
        Scene at = scenes.get(scenes.size() - 1);
        for (Scene s : scenes) {
            double end = start + s.durationSeconds().doubleValue();
            if (seconds < end) {
                at = s;
                break;
            }
            start = end;
        }
        double local = Math.min(seconds - start, at.durationSeconds().doubleValue());
        BufferedImage clip = videoFrame("mem://clip/" + at.id(), local, maxWidth, maxHeight);
        Graphics2D g = clip.createGraphics();
        g.setColor(new Color(0, 0, 0, 200));
        g.fillRect(0, clip.getHeight() * 4 / 5, clip.getWidth(), clip.getHeight() / 5);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, clip.getHeight() / 12)));
        g.drawString("final · " + at.heading(), 8, clip.getHeight() - clip.getHeight() / 14);
        g.dispose();
        return clip;
    }

    @Override
    public ai.cinboard.service.playback.PcmAudio audio(String mediaUrl) {
        // The demo's voiceover: a quiet 440 Hz tone, 48 kHz stereo, as long as a demo project.
        int rate = 48_000;
        short[] samples = new short[rate * 2 * 60];
        for (int i = 0; i < samples.length / 2; i++) {
            short v = (short) (3000 * Math.sin(2 * Math.PI * 440 * i / rate));
            samples[2 * i] = v;
            samples[2 * i + 1] = v;
        }
        return new ai.cinboard.service.playback.PcmAudio(samples, rate, 2);
    }

    @Override
    public float[] waveform(String audioUrl, int buckets) {
        float[] w = new float[buckets];
        java.util.Random r = new java.util.Random(audioUrl.hashCode());
        for (int i = 0; i < buckets; i++) {
            double phrase = Math.abs(Math.sin(i * Math.PI / (buckets / 23.0)));
            w[i] = (float) Math.min(1, phrase * (0.35 + 0.55 * r.nextDouble()));
        }
        return w;
    }

    // ---------------------------------------------------------------- SettingsService

    static StudioSettings defaultSettings() {
        Map<ConnectionPart, StudioSettings.Engine> e = new EnumMap<>(ConnectionPart.class);
        e.put(
                ConnectionPart.TEXT_ENGINE,
                new StudioSettings.Engine(
                        EngineKind.OPENAI_COMPATIBLE, "http://localhost:11434/v1", "llama3.1:8b", "sk-demo-1234"));
        e.put(
                ConnectionPart.IMAGE_ENGINE,
                new StudioSettings.Engine(EngineKind.COMFYUI, "http://gpu-box:8188", "sdxl-turbo", ""));
        e.put(ConnectionPart.VIDEO_ENGINE, new StudioSettings.Engine(EngineKind.LOCAL, "", "", ""));
        e.put(ConnectionPart.SPEECH_ENGINE, new StudioSettings.Engine(EngineKind.LOCAL, "", "", ""));
        return new StudioSettings(
                e,
                new StudioSettings.Database(true, "", "", ""),
                new StudioSettings.CacheSettings(false, "redis://localhost:6379"),
                new StudioSettings.Media(false, "~/.cinboard/media", "", "", "", "", ""),
                new StudioSettings.ExportDefaults("~/Videos", 1280, 720, 24));
    }

    @Override
    public StudioSettings load() {
        return settings;
    }

    @Override
    public void save(StudioSettings s) {
        calls.add("saveSettings");
        if (!s.database().embedded()
                && (s.database().jdbcUrl() == null || !s.database().jdbcUrl().startsWith("jdbc:postgresql:"))) {
            throw new StudioException("The JDBC URL must start with jdbc:postgresql:");
        }
        settings = s;
    }

    @Override
    public ConnectionResult testConnection(ConnectionPart part, StudioSettings s) {
        calls.add("testConnection " + part);
        return switch (part) {
            case DATABASE ->
                s.database().embedded()
                        ? new ConnectionResult(true, "Embedded PostgreSQL 18.6 is running (12 ms).")
                        : new ConnectionResult(
                                false, "Could not reach " + s.database().jdbcUrl() + ": connection refused.");
            case CACHE ->
                s.cache().redis()
                        ? new ConnectionResult(
                                false, "Redis at " + s.cache().redisUrl() + " did not answer PING within 2 s.")
                        : new ConnectionResult(true, "In-process cache ready.");
            case MEDIA ->
                s.media().s3()
                        ? new ConnectionResult(false, "Bucket '" + s.media().bucket() + "' not found.")
                        : new ConnectionResult(true, "Local media folder is writable.");
            default -> {
                StudioSettings.Engine e = s.engines().get(part);
                if (e == null || e.kind() == EngineKind.LOCAL)
                    yield new ConnectionResult(true, "Local offline engine ready.");
                if (e.endpoint().contains("gpu-box"))
                    yield new ConnectionResult(false, "No answer from " + e.endpoint() + " within 5 s.");
                yield new ConnectionResult(
                        true, "Connected to " + e.endpoint() + "; model " + e.model() + " is available.");
            }
        };
    }

    // ---------------------------------------------------------------- ExportService

    @Override
    public List<Format> formats() {
        return List.of(new Format("mp4", "MP4 video", "mp4"));
    }

    /** The demo's single user may always export. */
    @Override
    public void requireAllowed() {}

    @Override
    public void requireTarget(String format, Path out) {}

    /** Writes the same demo frame as {@link #exportFinalVideo}, reporting progress halfway and at the end. */
    @Override
    public void export(
            int projectId,
            ai.cinboard.service.export.ExportRequest request,
            Path out,
            ai.cinboard.service.export.ExportProgress progress) {
        progress.update(0.5, "Writing " + request.format());
        exportFinalVideo(projectId, out);
        progress.update(1.0, "Done");
    }

    @Override
    public long exportFinalVideo(int projectId, Path target) {
        calls.add("export " + projectId);
        Project p = loadProject(projectId);
        if (p.finalVideos().isEmpty()) throw new StudioException("This project has no final video yet.");
        try {
            byte[] fake = DemoArt.png(DemoArt.keyframe(64, 36, "FINAL", "DAY", 0, List.of(), 1));
            Files.write(target, fake);
            return fake.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
